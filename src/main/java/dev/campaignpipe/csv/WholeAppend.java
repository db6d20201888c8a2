package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import dev.campaignpipe.csvfile.FileFingerprint;

/**
 * Appends to one file whole or not at all. A write or fsync that fails half-way (a full
 * disk, an I/O error, a network drive going away) leaves unknown bytes at the end of the
 * file; the next append would glue its rows onto them and an acknowledged record would
 * become part of a broken line. So the length is taken before each append and the file is
 * cut back to it on failure, before anything else happens to the file.
 *
 * <p>
 * If even the cut fails, its offset is kept and {@link #finishCutBack} must succeed
 * before the file takes another byte: the caller treats the file as unwritable until
 * then. One instance per file, used by the writer thread only.
 */
final class WholeAppend {

	private final Path path;

	/**
	 * Where a failed cut-back must still cut; negative when the file ends on our last
	 * whole append.
	 */
	private long cutBackTo = -1;

	/**
	 * The file the unfinished cut belongs to: if that file was replaced, its stray bytes
	 * went with it.
	 */
	private String cutFileKey;

	WholeAppend(Path path) {
		this.path = path;
	}

	/**
	 * Writes every part and fsyncs. On failure the file is as long as before and the
	 * exception is rethrown; if the cut-back failed too, it is attached as suppressed and
	 * remembered.
	 * @return the file's length after the append: known here, so nobody need stat the
	 * file for it
	 */
	long append(FileChannel channel, byte[]... parts) throws IOException {
		finishCutBack(channel);
		long before = channel.size();
		long written = 0;
		try {
			for (byte[] part : parts) {
				ByteBuffer buffer = ByteBuffer.wrap(part);
				while (buffer.hasRemaining()) {
					written += channel.write(buffer);
				}
			}
			channel.force(false);
			return before + written;
		}
		catch (IOException ex) {
			cutBack(channel, before, ex);
			throw ex;
		}
	}

	/**
	 * Removes what a failed append left, if an earlier cut-back did not manage to.
	 * @throws IOException if it still cannot: nothing may be appended to this file
	 * meanwhile
	 */
	void finishCutBack(FileChannel channel) throws IOException {
		if (cutBackTo < 0) {
			return;
		}
		boolean replaced = cutFileKey != null && !cutFileKey.equals(fileKey()); // no key
																				// (Windows):
																				// same
																				// file
		if (replaced || channel.size() < cutBackTo) {
			cutBackTo = -1; // replaced or shortened by someone else: our stray bytes are
							// gone with it
			return;
		}
		channel.truncate(cutBackTo);
		channel.force(false);
		cutBackTo = -1;
	}

	/**
	 * Opens the file with {@code opener} and finishes a pending cut-back, if there is
	 * one.
	 * @throws IOException while it still cannot: nothing may be appended to the file
	 * meanwhile
	 */
	void finishCutBack(CsvFile.Opener opener) throws IOException {
		if (cutBackPending()) {
			try (FileChannel channel = opener.openForAppend(path)) {
				finishCutBack(channel);
			}
		}
	}

	/** Whether bytes of a failed append may still be in the file. */
	boolean cutBackPending() {
		return cutBackTo >= 0;
	}

	/** The file was deleted or started over: nothing of ours is left to cut. */
	void forget() {
		cutBackTo = -1;
	}

	private void cutBack(FileChannel channel, long length, IOException failure) {
		try {
			channel.truncate(length);
			channel.force(false);
		}
		catch (IOException | RuntimeException ex) {
			failure.addSuppressed(ex);
			cutBackTo = length;
			cutFileKey = fileKeyOrNull();
		}
	}

	private String fileKey() throws IOException {
		return FileFingerprint.fileKey(path);
	}

	private String fileKeyOrNull() {
		try {
			return fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
