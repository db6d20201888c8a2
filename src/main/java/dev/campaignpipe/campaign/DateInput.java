package dev.campaignpipe.campaign;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which date spellings an entry path accepts. The form and the API take ISO only; rows
 * read from a CSV also take the {@code dd-MM-yyyy} the original tool wrote, and whatever
 * Excel re-saved in the local order — for a date such as 03-04-2024 the order is a
 * setting.
 */
public enum DateInput {

	/** {@code yyyy-MM-dd} only. */
	ISO("yyyy-MM-dd"),
	/**
	 * ISO, or day before month ({@code dd-MM-yyyy}, also with {@code /} or {@code .}).
	 */
	ISO_OR_DAY_FIRST("yyyy-MM-dd or dd-MM-yyyy"),
	/**
	 * ISO, or month before day ({@code MM-dd-yyyy}); unambiguous day-first dates are
	 * still read.
	 */
	ISO_OR_MONTH_FIRST("yyyy-MM-dd or MM-dd-yyyy");

	private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

	private static final Pattern LOCAL_DATE = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})");

	private final String description;

	DateInput(String description) {
		this.description = description;
	}

	/** The accepted forms, for messages. */
	public String description() {
		return description;
	}

	public Optional<LocalDate> parse(String text) {
		Matcher iso = ISO_DATE.matcher(text);
		if (iso.matches()) {
			return of(iso.group(1), iso.group(2), iso.group(3));
		}
		Matcher local = LOCAL_DATE.matcher(text);
		if (this == ISO || !local.matches()) {
			return Optional.empty();
		}
		int first = Integer.parseInt(local.group(1));
		int second = Integer.parseInt(local.group(2));
		boolean dayFirst = first > 12 || (second <= 12 && this == ISO_OR_DAY_FIRST);
		return dayFirst ? of(local.group(3), local.group(2), local.group(1))
				: of(local.group(3), local.group(1), local.group(2));
	}

	private static Optional<LocalDate> of(String year, String month, String day) {
		try {
			return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

}
