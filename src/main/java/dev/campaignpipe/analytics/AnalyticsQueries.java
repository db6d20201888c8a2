package dev.campaignpipe.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

	static Answers.Summary summary(Connection connection, Filters filters) throws SQLException {
		LocalDate from = filters.from();
		LocalDate to = filters.to();
		if (from == null || to == null) { // open: the data's own range
			try (PreparedStatement p = prepare(connection,
					"SELECT min(date), max(date) FROM " + TABLE + " WHERE " + filters.condition().sql(),
					filters.condition().parameters()); ResultSet rs = p.executeQuery()) {
				rs.next();
				from = from != null ? from : rs.getObject(1, LocalDate.class);
				to = to != null ? to : rs.getObject(2, LocalDate.class);
			}
		}
		if (from == null || to == null) { // no records at all
			Totals none = Totals.of(0, 0, 0, 0, BigDecimal.ZERO, null, null);
			return new Answers.Summary(null, null, none, none);
		}
		long days = ChronoUnit.DAYS.between(from, to) + 1;
		Totals current = totals(connection, filters.between(from, to));
		Totals previous = totals(connection, filters.between(from.minusDays(days), from.minusDays(1)));
		return new Answers.Summary(from, to, current, previous);
	}

	static Totals totals(Connection connection, Filters filters) throws SQLException {
		Filters.Condition where = filters.condition();
		try (PreparedStatement p = prepare(connection,
				"SELECT " + Totals.SELECT + " FROM " + TABLE + " WHERE " + where.sql(), where.parameters());
				ResultSet rs = p.executeQuery()) {
			rs.next();
			return Totals.read(rs, 1);
		}
	}

	/**
	 * @param limit most groups to answer, the ones with the most ad spend
	 */
	static Answers.Breakdown breakdown(Connection connection, Filters filters, List<Dimension> by, int limit)
			throws SQLException {
		Filters.Condition where = filters.condition();
		List<String> groups = by.stream().map(Dimension::groupExpression).toList();
		String sql = "SELECT " + String.join(", ", groups) + ", " + Totals.SELECT + " FROM " + TABLE + " WHERE "
				+ where.sql() + " GROUP BY ALL ORDER BY sum(ad_spend) DESC, " + orderKeys(by.size()) + " LIMIT "
				+ limit;
		List<Answers.Group> rows = new ArrayList<>();
		try (PreparedStatement p = prepare(connection, sql, where.parameters()); ResultSet rs = p.executeQuery()) {
			while (rs.next()) {
				Map<String, String> keys = new LinkedHashMap<>();
				for (int i = 0; i < by.size(); i++) {
					keys.put(by.get(i).parameter(), rs.getString(i + 1));
				}
				rows.add(new Answers.Group(keys, Totals.read(rs, by.size() + 1)));
			}
		}
		return new Answers.Breakdown(rows);
	}

	static Answers.Timeseries timeseries(Connection connection, Filters filters, Grain grain) throws SQLException {
		Filters.Condition where = filters.condition();
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

	/** Ties in ad spend ordered by the group's values, so answers are stable. */
	private static String orderKeys(int count) {
		List<String> keys = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			keys.add(String.valueOf(i));
		}
		return String.join(", ", keys);
	}

	private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
			throws SQLException {
		PreparedStatement p = connection.prepareStatement(sql);
		for (int i = 0; i < parameters.size(); i++) {
			p.setObject(i + 1, parameters.get(i)); // a String or a LocalDate
		}
		return p;
	}

}
