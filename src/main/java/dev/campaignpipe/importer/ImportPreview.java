package dev.campaignpipe.importer;

import java.util.List;
import java.util.Map;

/**
 * What an import of a file would do, shown before it does anything (SPEC §14:
 * {@code --dry-run}, the upload page's preview): the preset recognized, how the file is
 * read, where each field comes from, the columns nothing reads, what stops the import,
 * and the first records as they would be stored. Nothing is written.
 *
 * @param reading encoding, delimiter, header line, numbers, dates
 * @param mapping our field → its source in the file ("" when none: a default is needed)
 * @param stops why the import would stop; empty when it would run
 * @param records the first records, each our field → value, or with {@code reason} set
 * when it would be rejected
 * @param rowsLooked the data rows the records were made of
 */
public record ImportPreview(String preset, String label, Map<String, String> reading, Map<String, String> mapping,
		List<String> unmapped, List<String> stops, List<Row> records, long rowsLooked) {

	/** The records a preview shows. */
	static final int RECORDS = 20;

	/**
	 * One record as it would be stored ({@code values}), or the reason it would be
	 * rejected.
	 */
	public record Row(Map<String, String> values, String reason, int rows) {
	}

	/** The preview as text, for the command line. */
	public String describe() {
		StringBuilder out = new StringBuilder();
		out.append("preset: ").append(preset).append(" (").append(label).append(")\n");
		reading.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
		if (!mapping.isEmpty()) {
			out.append("fields:\n");
			mapping.forEach((field, source) -> out.append(String.format(java.util.Locale.ROOT, "  %-18s ← %s%n", field,
					source.isEmpty() ? "(nothing: give --default " + field + "=VALUE)" : source)));
		}
		if (!unmapped.isEmpty()) {
			out.append("columns not read: ").append(String.join(", ", unmapped)).append('\n');
		}
		for (String stop : stops) {
			out.append("would stop: ").append(stop).append('\n');
		}
		out.append("first ").append(records.size()).append(" records (from ").append(rowsLooked).append(" rows):\n");
		for (Row row : records) {
			out.append("  ")
				.append(row.reason() == null ? String.join(" | ", row.values().values())
						: "REJECTED " + String.join(" | ", row.values().values()) + " — " + row.reason())
				.append('\n');
		}
		return out.toString();
	}

}
