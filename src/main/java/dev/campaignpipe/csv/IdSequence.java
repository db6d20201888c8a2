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
 * Hands out campaign_ids: increasing, never reused, continuing after a restart. Only the
 * writer thread calls {@link #next()}, so ids follow file order. The high-water mark file
 * is rewritten after each batch without its own fsync: after a power loss the CSV and
 * spool tails (which are fsync'd) still hold the highest id, and the file covers rows
 * deleted from the CSV by hand.
 *
 * <p>
 * The mark also keeps how long the CSV was after the writer's last durable append: a line
 * without its line break that starts there or later after a crash is the writer's own
 * unfinished append. The mark is written after that append's fsync, so it never claims
 * more than is on disk.
 */
final class IdSequence {

	/**
	 * Fixed width (zero-padded), so a rewrite in place always covers the previous value
	 * whole.
	 */
	private static final String MARK_FORMAT = "%020d %020d";

	private final Path markFile;

	/**
	 * Kept open by the writer thread: reopening, truncating and closing the file per
	 * batch cost the writer as much CPU as its fsync (profiled at 32 concurrent clients).
	 */
	private FileChannel mark;

	private long last;

	/**
	 * CSV length after the writer's last durable append; negative if unknown (an older
	 * mark).
	 */
	private long csvEnd = -1;

	IdSequence(Path markFile) {
		this.markFile = markFile;
	}

	/** Reads the mark left by the previous writer; call before {@link #start}. */
	void load() {
		long[] mark = readMark();
		last = mark[0];
		csvEnd = mark[1];
	}

	/** Starts after the highest id seen anywhere. */
	void start(long highestInFiles) {
		last = Math.max(highestInFiles, last);
	}

	/**
	 * Where the writer's last durable append to the CSV ended, as the mark says; negative
	 * if unknown.
	 */
	long csvEnd() {
		return csvEnd;
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

	/**
	 * Rewrites the mark: the last id and {@code csvEnd}, the CSV's length after its last
	 * durable append.
	 */
	void saveMark(long csvEnd) {
		this.csvEnd = csvEnd;
		try {
			if (mark == null) {
				Files.createDirectories(markFile.toAbsolutePath().getParent());
				mark = FileChannel.open(markFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			}
			ByteBuffer digits = ByteBuffer
				.wrap(String.format(Locale.ROOT, MARK_FORMAT, last, csvEnd).getBytes(StandardCharsets.US_ASCII));
			while (digits.hasRemaining()) { // the buffer's position is the file offset
											// reached
				mark.write(digits, digits.position());
			}
		}
		catch (IOException ex) {
			close(); // reopened on the next batch; the CSV and spool tails remain the
						// authority meanwhile
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

	/** {last id, CSV end}; an older mark holds only the id. */
	private long[] readMark() {
		try {
			if (!Files.exists(markFile)) {
				return new long[] { 0, -1 };
			}
			String[] parts = Files.readString(markFile, StandardCharsets.US_ASCII).strip().split(" ");
			return new long[] { Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : -1 };
		}
		catch (IOException | NumberFormatException ex) {
			return new long[] { 0, -1 }; // torn by a crash: fall back to the file tails
		}
	}

}
