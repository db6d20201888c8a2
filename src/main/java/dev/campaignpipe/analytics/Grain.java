package dev.campaignpipe.analytics;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Optional;

/** The time series' periods: a day, an ISO week (Monday to Sunday) or a month. */
enum Grain {

	DAY, WEEK, MONTH;

	/** The replica's column holding a record's period: its first day. */
	String column() {
		return switch (this) {
			case DAY -> "date";
			case WEEK -> "week";
			case MONTH -> "month";
		};
	}

	/**
	 * A period's label: {@code 2024-03-05}, {@code 2024-W10} (ISO week-year) or
	 * {@code 2024-03}.
	 */
	String label(LocalDate first) {
		return switch (this) {
			case DAY -> first.toString();
			case WEEK -> String.format(Locale.ROOT, "%d-W%02d", first.get(IsoFields.WEEK_BASED_YEAR),
					first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			case MONTH -> String.format(Locale.ROOT, "%d-%02d", first.getYear(), first.getMonthValue());
		};
	}

	String parameter() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<Grain> of(String parameter) {
		for (Grain grain : values()) {
			if (grain.parameter().equals(parameter)) {
				return Optional.of(grain);
			}
		}
		return Optional.empty();
	}

}
