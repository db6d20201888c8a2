package dev.campaignpipe.powerbi;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * The rows of the date dimension: one per day, keyed yyyymmdd, with the calendar and ISO
 * week fields a report groups by. Names are English whatever the machine's locale.
 */
final class DateTable {

	static final List<String> COLUMNS = List.of("date_key", "date", "year", "quarter", "month", "month_name",
			"iso_week", "iso_year", "weekday", "weekday_name");

	private DateTable() {
	}

	/** The key the fact rows and the date table share: yyyymmdd as a number. */
	static String key(LocalDate date) {
		return Integer.toString(date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth());
	}

	static List<String> row(LocalDate d) {
		return List.of(key(d), d.toString(), Integer.toString(d.getYear()),
				Integer.toString(d.get(IsoFields.QUARTER_OF_YEAR)), Integer.toString(d.getMonthValue()),
				d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
				Integer.toString(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
				Integer.toString(d.get(IsoFields.WEEK_BASED_YEAR)), Integer.toString(d.getDayOfWeek().getValue()),
				d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
	}

}
