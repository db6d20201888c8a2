package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands out campaign_ids: increasing, never reused, continuing after a restart. Only the writer
 * thread calls {@link #next()}, so ids follow file order. The high-water mark file is rewritten
 * after each batch without its own fsync: after a power loss the CSV and spool tails (which are
 * fsync'd) still hold the highest id, and the file covers rows deleted from the CSV by hand.
 */
final class IdSequence {

	private final Path markFile;

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
			Files.createDirectories(markFile.toAbsolutePath().getParent());
			Files.writeString(markFile, Long.toString(last), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			// the CSV and spool tails remain the authority; the mark only guards hand-deleted rows
		}
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
