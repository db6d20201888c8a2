package dev.campaignpipe.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query API's SQL over the replica: sums per group or period in the engine, KPIs from
 * the sums in {@link Totals}. Every value is a parameter; only column names from the
 * closed {@link Dimension} and {@link Grain} sets are written into the SQL.
 */
final class AnalyticsQueries {

	private static final String TABLE = ReplicaStore.TABLE;

	private AnalyticsQueries() {
	}

	/**
	 * The totals of the range asked for (the data's own where open) and of the same
	 * number of days before it, from one pass grouped by which of the two a record falls
	 * in. The API answers a view without a range from a {@link Cube}; this is the answer
	 * it is tested against, and the answer for a range.
	 */
	static Answers.Summary summary(Connection connection, ReplicaDictionary codes, Filters filters)
			throws SQLException {
		LocalDate from = filters.from();
		LocalDate to = filters.to();
		if (from == null || to == null) { // open: the data's own range
			Filters.Condition where = filters.condition(codes);
			try (PreparedStatement p = prepare(connection,
					"SELECT min(date), max(date) FROM " + TABLE + " WHERE " + where.sql(), where.parameters());
					ResultSet rs = p.executeQuery()) {
				rs.next();
				from = from != null ? from : rs.getObject(1, LocalDate.class);
				to = to != null ? to : rs.getObject(2, LocalDate.class);
			}
		}
		if (from == null || to == null) { // no records at all
			return new Answers.Summary(null, null, Totals.NONE, Totals.NONE);
		}
		LocalDate before = from.minusDays(ChronoUnit.DAYS.between(from, to) + 1);
		Filters.Condition where = filters.between(before, to).condition(codes);
		List<Object> parameters = new ArrayList<>();
		parameters.add(from);
		parameters.addAll(where.parameters());
		Totals current = Totals.NONE;
		Totals previous = Totals.NONE;
		try (PreparedStatement p = prepare(connection, "SELECT date >= ? AS current, " + Totals.SELECT + " FROM "
				+ TABLE + " WHERE " + where.sql() + " GROUP BY 1", parameters); ResultSet rs = p.executeQuery()) {
			while (rs.next()) {
				if (rs.getBoolean(1)) {
					current = Totals.read(rs, 2);
				}
				else {
					previous = Totals.read(rs, 2);
				}
			}
		}
		return new Answers.Summary(from, to, current, previous);
	}

	/**
	 * The groups by ad spend, descending, ties by their values.
	 * @param limit most groups to answer, the ones with the most ad spend
	 */
	static Answers.Breakdown breakdown(Connection connection, ReplicaDictionary codes, Filters filters,
			List<Dimension> by, int limit) throws SQLException {
		Filters.Condition where = filters.condition(codes);
		List<String> groups = by.stream().map(Dimension::groupExpression).toList();
		// the engine groups by codes and keeps the groups ranked within the limit, ties
		// at its
		// edge included; the order among ties is decided here, on the values' text
		String sql = "SELECT " + String.join(", ", groups) + ", " + Totals.SELECT + " FROM " + TABLE + " WHERE "
				+ where.sql() + " GROUP BY " + positions(by.size())
				+ " QUALIFY rank() OVER (ORDER BY sum(ad_spend) DESC) <= " + limit;
		List<Answers.Group> rows = new ArrayList<>();
		try (PreparedStatement p = prepare(connection, sql, where.parameters()); ResultSet rs = p.executeQuery()) {
			while (rs.next()) {
				Map<String, String> keys = new LinkedHashMap<>();
				for (int i = 0; i < by.size(); i++) {
					Dimension d = by.get(i);
					keys.put(d.parameter(), d.coded() ? codes.value(d, rs.getInt(i + 1)) : rs.getString(i + 1));
				}
				rows.add(new Answers.Group(keys, Totals.read(rs, by.size() + 1)));
			}
		}
		return ranked(rows, limit);
	}

	/**
	 * The groups by ad spend, descending, ties by their values; the first {@code limit}.
	 */
	static Answers.Breakdown ranked(List<Answers.Group> rows, int limit) {
		rows.sort(BY_SPEND_THEN_VALUES);
		return new Answers.Breakdown(rows.size() > limit ? List.copyOf(rows.subList(0, limit)) : rows);
	}

	static Answers.Timeseries timeseries(Connection connection, ReplicaDictionary codes, Filters filters, Grain grain)
			throws SQLException {
		Filters.Condition where = filters.condition(codes);
		String sql = "SELECT " + grain.column() + " AS period, " + Totals.SELECT + " FROM " + TABLE + " WHERE "
				+ where.sql() + " GROUP BY period ORDER BY period";
		List<Answers.Period> rows = new ArrayList<>();
		try (PreparedStatement p = prepare(connection, sql, where.parameters()); ResultSet rs = p.executeQuery()) {
			while (rs.next()) {
				rows.add(new Answers.Period(grain.label(rs.getObject(1, LocalDate.class)), Totals.read(rs, 2)));
			}
		}
		return new Answers.Timeseries(grain.parameter(), rows);
	}

	private static final Comparator<Answers.Group> BY_SPEND_THEN_VALUES = Comparator
		.comparing((Answers.Group g) -> g.totals().adSpend(), Comparator.reverseOrder())
		.thenComparing(g -> List.copyOf(g.keys().values()), AnalyticsQueries::compareValues);

	private static int compareValues(List<String> a, List<String> b) {
		for (int i = 0; i < a.size(); i++) {
			int c = a.get(i).compareTo(b.get(i));
			if (c != 0) {
				return c;
			}
		}
		return 0;
	}

	/** The first {@code count} columns, by position: {@code 1, 2}. */
	private static String positions(int count) {
		List<String> keys = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			keys.add(String.valueOf(i));
		}
		return String.join(", ", keys);
	}

	/** A statement with these parameters bound, in order. */
	static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
		PreparedStatement p = connection.prepareStatement(sql);
		for (int i = 0; i < parameters.size(); i++) {
			p.setObject(i + 1, parameters.get(i)); // a code or a LocalDate
		}
		return p;
	}

}
