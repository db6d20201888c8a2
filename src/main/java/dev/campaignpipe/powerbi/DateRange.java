package dev.campaignpipe.powerbi;

import java.time.LocalDate;

/** The first and the last date of the fact rows: the span the date table covers. */
record DateRange(LocalDate first, LocalDate last) {

	static DateRange of(LocalDate date) {
		return new DateRange(date, date);
	}

	/**
	 * This range widened to include {@code date}; itself when it already does (the common
	 * case, once per fact row: no new object).
	 */
	DateRange including(LocalDate date) {
		if (date.isBefore(first)) {
			return new DateRange(date, last);
		}
		if (date.isAfter(last)) {
			return new DateRange(first, date);
		}
		return this;
	}

}
