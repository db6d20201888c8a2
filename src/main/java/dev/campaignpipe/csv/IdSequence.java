package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Hands out campaign_ids: increasing, never reused, continuing after a restart. Only the writer
 * thread calls {@link #next()}, so ids follow file order. The high-water mark file is rewritten
 * after each batch without its own fsync: after a power loss the CSV and spool tails (which are
 * fsync'd) still hold the highest id, and the file covers rows deleted from the CSV by hand.
 */
final class IdSequence {

	/** Fixed width (zero-padded), so a rewrite in place always covers the previous value whole. */
	private static final int MARK_WIDTH = 20;

	private final Path markFile;

	/**
	 * Kept open by the writer thread: reopening, truncating and closing the file per batch cost
	 * the writer as much CPU as its fsync (profiled at 32 concurrent clients).
	 */
	private FileChannel mark;

	private long last;

	IdSequence(Path markFile) {
		this.markFile = markFile;
	}

	/** Starts after the highest id seen anywhere. */
	void start(long highestInFiles) {
		last = Math.max(highestInFiles, readMark());
	}

	long next() {
		return ++last;
	}

	/** An imported record took {@code id}: continue above it. */
	void advanceTo(long id) {
		last = Math.max(last, id);
	}

	long last() {
		return last;
	}

	void saveMark() {
		try {
			if (mark == null) {
				Files.createDirectories(markFile.toAbsolutePath().getParent());
				mark = FileChannel.open(markFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			}
			ByteBuffer digits = ByteBuffer.wrap(
					String.format(Locale.ROOT, "%0" + MARK_WIDTH + "d", last).getBytes(StandardCharsets.US_ASCII));
			while (digits.hasRemaining()) { // the buffer's position is the file offset reached
				mark.write(digits, digits.position());
			}
		}
		catch (IOException ex) {
			close(); // reopened on the next batch; the CSV and spool tails remain the authority meanwhile
		}
	}

	void close() {
		try {
			if (mark != null) {
				mark.close();
			}
		}
		catch (IOException ex) {
			// nothing to lose: the mark is rewritten by the next writer
		}
		mark = null;
	}

	private long readMark() {
		try {
			return Files.exists(markFile) ? Long.parseLong(Files.readString(markFile).strip()) : 0;
		}
		catch (IOException | NumberFormatException ex) {
			return 0; // torn by a crash: fall back to the file tails
		}
	}

}
