package dev.campaignpipe.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The JSON answers of the query API (SPEC §12). */
final class Answers {

	private Answers() {
	}

	/**
	 * {@code GET /api/analytics/summary}: the range asked for (or the data's, when open)
	 * and the same-length range before it.
	 */
	record Summary(LocalDate from, LocalDate to, Totals current, Totals previous) {
	}

	/** {@code GET /api/analytics/breakdown}: by ad_spend, descending. */
	record Breakdown(List<Group> rows) {
	}

	/** One group: its value of each dimension asked for, then its totals. */
	record Group(@JsonAnyGetter Map<String, String> keys, @JsonUnwrapped Totals totals) {
	}

	/** {@code GET /api/analytics/timeseries}: periods in order. */
	record Timeseries(String grain, List<Period> rows) {
	}

	/** One period: {@code yyyy-MM-dd}, {@code yyyy-Www} or {@code yyyy-MM}. */
	record Period(String period, @JsonUnwrapped Totals totals) {
	}

	/**
	 * {@code GET /api/records} (SPEC §13): how many records match, the page asked for
	 * (from 0) and its records, each with its KPIs under the §5 column names.
	 */
	record RecordPage(long total, int page, int size, List<Map<String, Object>> rows) {
	}

}
