package dev.campaignpipe.preset;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One ad platform's export format as configured ({@code pipeline.presets.NAME.*}, SPEC
 * §14): the header names its columns go by, which of them identify the platform, and how
 * each of our fields is found. Adding a platform, a column name or a value mapping is a
 * change to this configuration, not to code.
 *
 * @param label the platform's name for people
 * @param recognize column keys that must all be in a header for it to be this platform's
 * @param columns column key → the header names it goes by (matched ignoring case and
 * surrounding spaces; a name ending in {@code (*)} matches any text in the brackets, as
 * Meta's {@code Amount spent (USD)})
 * @param fields our field ({@code campaign-type}, {@code ad-spend}, …) → rules tried in
 * order; the first that gives a value wins, then the defaults given at import time
 * @param dateOrder for dates such as 03/04/2025 that the whole file leaves open
 */
public record PresetSettings(String label, @DefaultValue List<String> recognize,
		@DefaultValue Map<String, List<String>> columns, @DefaultValue Map<String, List<Rule>> fields,
		@DefaultValue("month-first") DateOrder dateOrder) {

	/**
	 * One way to find a field's value.
	 *
	 * @param from the column key whose cell is read; none for a constant
	 * @param map cell value → our value (ignoring case)
	 * @param contains text in the cell → our value (ignoring case; first match)
	 * @param keep whether a cell that matches neither is taken as it is (then our own
	 * aliases apply); by default yes unless {@code contains} is given
	 * @param value a constant, for a rule without {@code from} or when the cell is empty
	 */
	public record Rule(String from, @DefaultValue Map<String, String> map, @DefaultValue Map<String, String> contains,
			Boolean keep, String value) {

		boolean keepsCell() {
			return keep != null ? keep : contains.isEmpty();
		}

	}

	/** How a numeric date that could be either order is read. */
	public enum DateOrder {

		MONTH_FIRST, DAY_FIRST

	}

}
