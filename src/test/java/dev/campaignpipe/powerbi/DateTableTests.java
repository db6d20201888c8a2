package dev.campaignpipe.powerbi;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DateTableTests {

	@Test
	void theKeyIsTheDateAsYyyymmdd() {
		assertThat(DateTable.key(LocalDate.of(2024, 10, 15))).isEqualTo("20241015");
		assertThat(DateTable.key(LocalDate.of(2025, 1, 5))).isEqualTo("20250105");
	}

	@Test
	void aRowHasTheCalendarAndIsoWeekFieldsWithEnglishNames() {
		assertThat(DateTable.row(LocalDate.of(2024, 10, 15))).containsExactly("20241015", "2024-10-15", "2024", "4",
				"10", "October", "42", "2024", "2", "Tuesday");
	}

	@Test
	void theLastDaysOfDecemberCanBelongToTheNextIsoYear() {
		assertThat(DateTable.row(LocalDate.of(2024, 12, 30))).containsExactly("20241230", "2024-12-30", "2024", "4",
				"12", "December", "1", "2025", "1", "Monday");
	}

	@Test
	void theRowMatchesTheColumns() {
		assertThat(DateTable.COLUMNS).containsExactly("date_key", "date", "year", "quarter", "month", "month_name",
				"iso_week", "iso_year", "weekday", "weekday_name");
		assertThat(DateTable.row(LocalDate.of(2024, 2, 29))).hasSameSizeAs(DateTable.COLUMNS);
	}

	@Test
	void aDateRangeWidensOnlyForADateOutsideIt() {
		DateRange range = DateRange.of(LocalDate.of(2024, 10, 15));
		DateRange inside = range.including(LocalDate.of(2024, 10, 15));
		DateRange later = range.including(LocalDate.of(2024, 12, 1));
		DateRange earlier = later.including(LocalDate.of(2024, 1, 31));

		assertThat(inside).isSameAs(range);
		assertThat(later).isEqualTo(new DateRange(LocalDate.of(2024, 10, 15), LocalDate.of(2024, 12, 1)));
		assertThat(earlier).isEqualTo(new DateRange(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 12, 1)));
		assertThat(earlier.including(LocalDate.of(2024, 6, 1))).isSameAs(earlier);
	}

}
