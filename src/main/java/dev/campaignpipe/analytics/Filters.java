package dev.campaignpipe.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's filters as the query API takes them (SPEC §12): {@code from},
 * {@code to} (ISO dates, inclusive) and any of the {@link Dimension}s, each repeatable
 * (values of one dimension are alternatives, dimensions combine). Parsed strictly: an
 * unknown parameter or a bad value is an error naming it.
 *
 * @param from first day, {@code null} for the first day of the data
 * @param to last day, {@code null} for the last day of the data
 */
record Filters(LocalDate from, LocalDate to, Map<Dimension, List<String>> values) {

	static final Filters NONE = new Filters(null, null, Map.of());

	/** The same filters over another range of days. */
	Filters between(LocalDate from, LocalDate to) {
		return new Filters(from, to, values);
	}

	/**
	 * @param parameters the request's parameters
	 * @param others the endpoint's own parameters (validated by it)
	 * @param errors gets one message per bad parameter
	 */
	static Filters parse(Map<String, String[]> parameters, Set<String> others, Map<String, String> errors) {
		LocalDate from = null;
		LocalDate to = null;
		Map<Dimension, List<String>> values = new EnumMap<>(Dimension.class);
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			String[] given = parameter.getValue();
			if (name.equals("from") || name.equals("to")) {
				LocalDate date = date(name, given, errors);
				if (name.equals("from")) {
					from = date;
				}
				else {
					to = date;
				}
			}
			else if (Dimension.of(name).isPresent()) {
				Dimension dimension = Dimension.of(name).get();
				List<String> list = new ArrayList<>();
				for (String value : given) {
					String v = value.strip();
					if (v.isEmpty()) {
						errors.put(name, name + " must not be empty");
					}
					else if (dimension == Dimension.DATA_QUALITY && !v.equals(Dimension.FLAGGED)
							&& !v.equals(Dimension.CLEAN)) {
						errors.put(name, "data_quality must be 'flagged' or 'clean' (got '" + v + "')");
					}
					else if (!list.contains(v)) {
						list.add(v);
					}
				}
				values.put(dimension, List.copyOf(list));
			}
			else if (!others.contains(name)) {
				errors.put(name, "unknown parameter '" + name + "'");
			}
		}
		if (from != null && to != null && from.isAfter(to)) {
			errors.put("from", "from (" + from + ") must not be after to (" + to + ")");
		}
		return new Filters(from, to, Map.copyOf(values));
	}

	private static LocalDate date(String name, String[] given, Map<String, String> errors) {
		if (given.length != 1) {
			errors.put(name, name + " may be given once");
			return null;
		}
		try {
			return LocalDate.parse(given[0].strip());
		}
		catch (DateTimeParseException ex) {
			errors.put(name, name + " must be a date like 2024-03-31 (got '" + given[0] + "')");
			return null;
		}
	}

	/**
	 * The filters as a SQL condition over the replica and its parameters, in order.
	 * @param dictionary the fields' codes: a value no record ever had matches nothing
	 */
	Condition condition(ReplicaDictionary dictionary) {
		StringBuilder sql = new StringBuilder("TRUE");
		List<Object> parameters = new ArrayList<>();
		if (from != null) {
			sql.append(" AND date >= ?");
			parameters.add(from);
		}
		if (to != null) {
			sql.append(" AND date <= ?");
			parameters.add(to);
		}
		for (Map.Entry<Dimension, List<String>> entry : values.entrySet()) {
			List<String> list = entry.getValue();
			if (entry.getKey() == Dimension.DATA_QUALITY) {
				if (list.size() == 1) { // both values: every record
					sql.append(list.get(0).equals(Dimension.FLAGGED) ? " AND data_quality <> ''"
							: " AND data_quality = ''");
				}
				continue;
			}
			List<Integer> codes = new ArrayList<>();
			for (String value : list) {
				Integer code = dictionary.find(entry.getKey(), value);
				if (code != null) {
					codes.add(code);
				}
			}
			if (codes.isEmpty()) {
				sql.append(" AND FALSE");
				continue;
			}
			sql.append(" AND ").append(entry.getKey().parameter()).append(" IN (");
			sql.append("?, ".repeat(codes.size() - 1)).append("?)");
			parameters.addAll(codes);
		}
		return new Condition(sql.toString(), List.copyOf(parameters));
	}

	/** A SQL condition and its parameters. */
	record Condition(String sql, List<Object> parameters) {
	}

}
