package dev.campaignpipe.preset;

import java.util.List;
import java.util.Locale;

/**
 * What one line of an export is: a data row, or one of the lines that are not data and
 * are skipped and counted by kind (SPEC §14).
 */
public enum LineKind {

	/** Title, date range and report settings above the header. */
	PREAMBLE,
	/** The header itself. */
	HEADER,
	/** An empty line. */
	BLANK,
	/** A total or summary row ("Total: Account", Meta's row without a campaign). */
	TOTAL,
	/** A line below the data that is not a row (a copyright, a row count). */
	FOOTER,
	/** A row of data. */
	DATA;

	/**
	 * A total's first cell: "Total", "Totals", "Grand total", "Total: Account" — not a
	 * name that starts with the word ("Total Wine - Search", "TotalEnergies").
	 */
	private static final java.util.regex.Pattern TOTAL_LABEL = java.util.regex.Pattern
		.compile("(?i)(grand\\s+)?totals?(\\s*:.*)?");

	/** The word the summary uses. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The kind of a line below the header.
	 * @param campaignColumn the index of the campaign column, -1 if the file has none
	 */
	static LineKind below(List<String> cells, int headerWidth, int campaignColumn) {
		String first = null;
		for (String cell : cells) {
			if (!cell.isBlank()) {
				first = cell.strip();
				break;
			}
		}
		if (first == null) {
			return BLANK;
		}
		if (cells.size() == 1 && headerWidth > 1 || cells.size() < Math.max(2, headerWidth / 2)) {
			return FOOTER;
		}
		if (TOTAL_LABEL.matcher(first).matches()) {
			return TOTAL;
		}
		if (campaignColumn >= 0 && (campaignColumn >= cells.size() || cells.get(campaignColumn).isBlank())) {
			return TOTAL; // a summary across campaigns (Meta's first row)
		}
		return DATA;
	}

}
