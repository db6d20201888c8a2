package dev.campaignpipe.common;

import java.util.Map;

/**
 * A query parameter that is a whole number in a range (a page, a size), read strictly:
 * anything else is an error naming the parameter, its range and what was given.
 */
public final class WholeNumberParameter {

	private WholeNumberParameter() {
	}

	/**
	 * @param given the parameter's text; {@code null} when absent
	 * @param errors gets the message when {@code given} is no whole number in range
	 * @return the number, or {@code fallback} when absent or wrong
	 */
	public static int read(String given, String name, int fallback, int min, int max, Map<String, String> errors) {
		if (given == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(given.strip());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		errors.put(name, name + " must be a whole number from " + min + " to " + max + " (got '" + given + "')");
		return fallback;
	}

}
