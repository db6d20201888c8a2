package dev.campaignpipe.importer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.campaignpipe.preset.PresetCatalog;

/**
 * Where an import stands or how it ended. {@code flagged} rows are among the stored ones.
 * For an ad platform's export (SPEC §14) {@code read} counts its data rows, which become
 * fewer records when rows are summed; {@code stored}, {@code updated} and
 * {@code duplicates} (unchanged) count records, {@code rejected} rows; {@code lines}
 * counts every line of the file by kind.
 *
 * @param preset the preset the file was read with ({@code original} for the plain import)
 * @param rejectsFile the rejects CSV beside the input, {@code null} when nothing was
 * rejected
 * @param failure why the import stopped early, {@code null} if it did not
 */
public record ImportSummary(long read, long stored, long duplicates, long rejected, long flagged, long bytesRead,
		long totalBytes, double seconds, boolean finished, String failure, String rejectsFile, String preset,
		long updated, Map<String, Long> lines) {

	public ImportSummary {
		lines = lines == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(lines));
	}

	public ImportSummary(long read, long stored, long duplicates, long rejected, long flagged, long bytesRead,
			long totalBytes, double seconds, boolean finished, String failure, String rejectsFile) {
		this(read, stored, duplicates, rejected, flagged, bytesRead, totalBytes, seconds, finished, failure,
				rejectsFile, null, 0, Map.of());
	}

	/** Whether the file was an ad platform's export. */
	public boolean fromPlatform() {
		return preset != null && !PresetCatalog.isOwnFormat(preset);
	}

	public double rowsPerSecond() {
		return seconds > 0 ? read / seconds : 0;
	}

	public int percent() {
		return totalBytes > 0 ? (int) Math.min(100, bytesRead * 100 / totalBytes) : (finished ? 100 : 0);
	}

	/** One line for people. */
	public String describe() {
		if (fromPlatform()) {
			String skipped = lines.entrySet()
				.stream()
				.filter(e -> !e.getKey().equals("data") && !e.getKey().equals("header"))
				.map(e -> e.getKey() + " " + e.getValue())
				.collect(Collectors.joining(", "));
			return String.format(Locale.ROOT,
					"%s: read %,d data rows · stored %,d records · updated %,d · unchanged %,d · rejected %,d rows%s",
					preset, read, stored, updated, duplicates, rejected,
					skipped.isEmpty() ? "" : " · lines skipped: " + skipped);
		}
		return String.format(Locale.ROOT,
				"read %,d · stored %,d (flagged %,d) · skipped as duplicates %,d · rejected %,d", read, stored, flagged,
				duplicates, rejected);
	}

}
