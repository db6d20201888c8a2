package dev.campaignpipe.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.campaignpipe.csvfile.CsvTail;

/** How far the mirror is behind the CSV, cheaply enough for status polls and scrapes. */
final class Backlog {

	/** Up to this many bytes behind, records are counted; beyond, estimated. */
	private static final long COUNT_LIMIT = 1024 * 1024;

	/** The line length assumed before any line was loaded. */
	private static final long DEFAULT_LINE = 250;

	private Backlog() {
	}

	/** Bytes of the CSV past {@code c}: one stat. */
	static long bytes(Path csv, Checkpoint c) {
		try {
			return Math.max(0, Files.size(csv) - (c == null ? 0 : c.offset()));
		}
		catch (IOException ex) {
			return 0; // not written yet
		}
	}

	/**
	 * Records past {@code c}: exact for a small backlog; beyond that estimated from the
	 * average line length so far, because status is polled often and must not scan
	 * megabytes each time.
	 */
	static long records(Path csv, Checkpoint c, long bytesBehind) {
		long offset = c == null ? 0 : c.offset();
		long averageLine = c != null && c.lineNumber() > 1 ? Math.max(1, offset / c.lineNumber()) : DEFAULT_LINE;
		try {
			return bytesBehind <= COUNT_LIMIT ? CsvTail.countLines(csv, offset, COUNT_LIMIT)
					: bytesBehind / averageLine;
		}
		catch (NoSuchFileException ex) {
			return 0; // nothing written yet
		}
		catch (IOException ex) {
			return 0; // status is best effort
		}
	}

}
