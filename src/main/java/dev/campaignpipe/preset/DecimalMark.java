package dev.campaignpipe.preset;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * How a file writes its numbers, decided once per file from its data (SPEC §14): a
 * decimal point with comma thousands ({@code 1,312.50}, en-US) or a decimal comma with
 * point or space thousands ({@code 1.312,50}, de-DE; {@code 1 312,50}, fr-FR). Currency
 * signs and codes, percent signs and spaces are dropped; {@code --}, {@code -} and an
 * empty cell are "none".
 */
enum DecimalMark {

	POINT, COMMA;

	private static final Pattern PLAIN = Pattern.compile("-?\\d+(\\.\\d+)?");

	/** Everything but digits, separators and a sign (currency, %, spaces). */
	private static final Pattern NOISE = Pattern.compile("[^0-9.,\\-]");

	/**
	 * The mark most numbers of the sample show; numbers that could be either
	 * ({@code 1,234}) do not count, and a file with none of the others reads as POINT.
	 */
	static DecimalMark decide(Iterable<String> samples) {
		int point = 0;
		int comma = 0;
		for (String raw : samples) {
			DecimalMark vote = vote(NOISE.matcher(raw).replaceAll(""));
			if (vote == POINT) {
				point++;
			}
			else if (vote == COMMA) {
				comma++;
			}
		}
		return comma > point ? COMMA : POINT;
	}

	private static DecimalMark vote(String s) {
		int lastPoint = s.lastIndexOf('.');
		int lastComma = s.lastIndexOf(',');
		if (lastPoint >= 0 && lastComma >= 0) {
			return lastPoint > lastComma ? POINT : COMMA;
		}
		if (lastComma >= 0) {
			if (s.indexOf(',') != lastComma) {
				return POINT; // 1,234,567
			}
			return s.length() - lastComma - 1 == 3 ? null : COMMA;
		}
		if (lastPoint >= 0) {
			if (s.indexOf('.') != lastPoint) {
				return COMMA; // 1.234.567
			}
			return s.length() - lastPoint - 1 == 3 ? null : POINT;
		}
		return null;
	}

	/** Whether a cell says "no value" ({@code --}, {@code -}, empty). */
	static boolean isNone(String raw) {
		String s = raw.strip();
		return s.isEmpty() || s.equals("-") || s.equals("--") || s.equals("—") || s.equalsIgnoreCase("n/a");
	}

	/**
	 * The number a cell holds, {@code null} for none.
	 * @throws NumberFormatException with a message quoting the cell
	 */
	BigDecimal parse(String raw) {
		if (isNone(raw)) {
			return null;
		}
		boolean percent = raw.indexOf('%') >= 0;
		String s = NOISE.matcher(raw).replaceAll("");
		s = this == POINT ? s.replace(",", "") : s.replace(".", "").replace(',', '.');
		if (!PLAIN.matcher(s).matches()) {
			throw new NumberFormatException("'" + raw.strip() + "' is not a number");
		}
		BigDecimal value = new BigDecimal(s);
		return percent ? value.movePointLeft(2) : value;
	}

	String describe() {
		return this == POINT ? "decimal point (1,234.56)" : "decimal comma (1.234,56)";
	}

}
