package dev.campaignpipe.preset;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a file writes its dates, decided once per file (SPEC §14), never per row: ISO
 * ({@code 2025-03-03}, also with a time), numeric with the day/month order the file's own
 * dates prove (a 13 or more in one place) or, when every date leaves it open, the
 * preset's order, or English month names ({@code March 3, 2025}, {@code 1 April 2025}).
 */
record DateFormat(PresetSettings.DateOrder order) {

	private static final Pattern ISO = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[ T].*)?");

	private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})(?:[ T].*)?");

	private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}");

	private static final List<DateTimeFormatter> TEXT = List.of(text("MMMM d, uuuu"), text("MMM d, uuuu"),
			text("d MMMM uuuu"), text("d MMM uuuu"), text("MMM d uuuu"), text("EEE, MMM d, uuuu"),
			text("EEEE, MMMM d, uuuu"));

	private static DateTimeFormatter text(String pattern) {
		return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
	}

	/**
	 * The order the sample's numeric dates prove, else {@code fallback}.
	 * @throws UnreadableExportException when some dates prove one order and others the
	 * other
	 */
	static DateFormat decide(Iterable<String> samples, PresetSettings.DateOrder fallback) {
		boolean dayFirst = false;
		boolean monthFirst = false;
		for (String raw : samples) {
			Matcher m = NUMERIC.matcher(raw.strip());
			if (m.matches()) {
				dayFirst |= Integer.parseInt(m.group(1)) > 12;
				monthFirst |= Integer.parseInt(m.group(2)) > 12;
			}
		}
		if (dayFirst && monthFirst) {
			throw new UnreadableExportException(
					"the file's dates are written both day-first and month-first (e.g. 13/01 and 01/13): fix the file");
		}
		return new DateFormat(dayFirst ? PresetSettings.DateOrder.DAY_FIRST
				: monthFirst ? PresetSettings.DateOrder.MONTH_FIRST : fallback);
	}

	/** The date a cell holds, or {@code null} when it holds none this format reads. */
	LocalDate parse(String raw) {
		String s = raw.strip();
		try {
			Matcher iso = ISO.matcher(s);
			if (iso.matches()) {
				return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
						Integer.parseInt(iso.group(3)));
			}
			Matcher numeric = NUMERIC.matcher(s);
			if (numeric.matches()) {
				int a = Integer.parseInt(numeric.group(1));
				int b = Integer.parseInt(numeric.group(2));
				int year = Integer.parseInt(numeric.group(3));
				return order == PresetSettings.DateOrder.DAY_FIRST ? LocalDate.of(year, b, a)
						: LocalDate.of(year, a, b);
			}
		}
		catch (DateTimeException ex) {
			return null;
		}
		for (DateTimeFormatter format : TEXT) {
			try {
				return LocalDate.parse(s, format);
			}
			catch (DateTimeParseException ex) {
				// the next spelling
			}
		}
		return null;
	}

	/**
	 * The single day a preamble line names ("March 3, 2025 - March 3, 2025", "Report
	 * Time: 6/2/2025", "Report Time: 6/2/2025, 6/2/2025"), or {@code null} when it names
	 * a longer range or no date.
	 */
	LocalDate singleDay(String line) {
		String s = line.strip();
		int colon = s.indexOf(':');
		if (colon >= 0 && colon < 40 && !Character.isDigit(s.charAt(Math.max(0, colon - 1)))) {
			s = s.substring(colon + 1).strip();
		}
		if (TIME.matcher(s).find()) {
			return null; // a moment ("Last completed: 6/4/2025 4:10 AM"), not the
							// report's range
		}
		LocalDate whole = parse(s);
		if (whole != null) {
			return whole;
		}
		for (String separator : new String[] { " - ", " – ", " to ", ", " }) {
			int at = s.indexOf(separator);
			while (at > 0) {
				LocalDate from = parse(s.substring(0, at));
				LocalDate to = parse(s.substring(at + separator.length()));
				if (from != null && to != null) {
					return from.equals(to) ? from : null;
				}
				at = s.indexOf(separator, at + 1);
			}
		}
		return null;
	}

	String describe() {
		return order == PresetSettings.DateOrder.DAY_FIRST ? "day before month" : "month before day";
	}

}
