package dev.campaignpipe.importer;

import java.util.Locale;

/**
 * Where an import stands or how it ended. {@code flagged} rows are among the stored ones.
 *
 * @param rejectsFile the rejects CSV beside the input, {@code null} when nothing was
 * rejected
 * @param failure why the import stopped early, {@code null} if it did not
 */
public record ImportSummary(long read, long stored, long duplicates, long rejected, long flagged, long bytesRead,
		long totalBytes, double seconds, boolean finished, String failure, String rejectsFile) {

	public double rowsPerSecond() {
		return seconds > 0 ? read / seconds : 0;
	}

	public int percent() {
		return totalBytes > 0 ? (int) Math.min(100, bytesRead * 100 / totalBytes) : (finished ? 100 : 0);
	}

	/** One line for people. */
	public String describe() {
		return String.format(Locale.ROOT,
				"read %,d · stored %,d (flagged %,d) · skipped as duplicates %,d · rejected %,d", read, stored, flagged,
				duplicates, rejected);
	}

}
