package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Notices edits to campaigns.csv that announce nothing (another program, say Excel,
 * saving it): at each look, the CSV's size or modification time differs from the last
 * look, or the flat export is missing.
 */
final class CsvEditWatch {

	/** The CSV's size and modification time at one look. */
	record Stamp(long size, long modifiedMillis) {

		/** Before the first look: differs from every file. */
		static final Stamp NONE = new Stamp(-1, -1);

		static Stamp of(Path file) throws IOException {
			return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis());
		}

	}

	private Stamp seen = Stamp.NONE;

	/**
	 * Whether the CSV needs exporting: it changed since the last look, or the export it
	 * was written to is gone. Remembers {@code now} for the next look.
	 */
	boolean changed(Stamp now, boolean exportMissing) {
		if (!now.equals(seen) || exportMissing) {
			seen = now;
			return true;
		}
		return false;
	}

}
