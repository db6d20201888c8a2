package dev.campaignpipe.powerbi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.campaign.Categories;

/**
 * The integer key of each dimension value. Keys are stable while the CSV grows: closed
 * sets keep their configured order (keys 1..n before any record is read), free-text
 * values are numbered by their first appearance, and a key once given never changes.
 */
final class DimensionKeys {

	private final Map<StarDimension, Map<String, Integer>> keys = new EnumMap<>(StarDimension.class);

	DimensionKeys(Categories categories) {
		for (StarDimension d : StarDimension.values()) {
			Map<String, Integer> values = new LinkedHashMap<>();
			if (d.closedSet != null) {
				categories.values(d.closedSet).forEach(v -> values.put(v, values.size() + 1));
			}
			keys.put(d, values);
		}
	}

	/** The key of {@code value}; a value not seen before gets the next number. */
	int keyOf(StarDimension dimension, String value) {
		Map<String, Integer> values = keys.get(dimension);
		return values.computeIfAbsent(value, v -> values.size() + 1);
	}

	/** The values of {@code dimension} that have a key, with their keys, in key order. */
	Map<String, Integer> assigned(StarDimension dimension) {
		return Collections.unmodifiableMap(keys.get(dimension));
	}

}
