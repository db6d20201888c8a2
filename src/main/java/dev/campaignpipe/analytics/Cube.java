package dev.campaignpipe.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sums of the filtered records per combination of a few fields, from one pass over
 * the records, that several breakdowns add up from. A dashboard asks at once for a
 * breakdown by each closed field (type, channel, format, country, segment) and for the
 * company table beside company × device: two passes answer all seven instead of seven
 * passes (docs/benchmarks.md §6), and the summary of a view without a range too. Sums of
 * sums are exact: counts and DECIMAL money.
 */
final class Cube {

	/**
	 * The closed fields but the device: a few thousand combinations at most (4,500 with
	 * the configured values).
	 */
	static final List<Dimension> CLOSED = List.of(Dimension.CAMPAIGN_TYPE, Dimension.MARKETING_CHANNEL,
			Dimension.AD_FORMAT, Dimension.COUNTRY, Dimension.AUDIENCE_SEGMENT);

	/** The company table, the company × device chart, the device. */
	static final List<Dimension> COMPANY_DEVICE = List.of(Dimension.CAMPAIGN_COMPANY, Dimension.DEVICE_TYPE);

	private final List<Dimension> fields;

	private final List<Cell> cells;

	private Cube(List<Dimension> fields, List<Cell> cells) {
		this.fields = fields;
		this.cells = cells;
	}

	/** The fields of the cube a breakdown by {@code by} adds up from, if one does. */
	static Optional<List<Dimension>> answering(List<Dimension> by) {
		if (by.size() == 1 && CLOSED.contains(by.get(0))) {
			return Optional.of(CLOSED);
		}
		if (COMPANY_DEVICE.containsAll(by)) {
			return Optional.of(COMPANY_DEVICE);
		}
		return Optional.empty();
	}

	static Cube compute(Connection connection, ReplicaDictionary codes, List<Dimension> fields, Filters filters)
			throws SQLException {
		Filters.Condition where = filters.condition(codes);
		List<String> columns = fields.stream().map(Dimension::parameter).toList();
		String sql = "SELECT " + String.join(", ", columns) + ", " + Totals.SELECT + ", min(date), max(date) FROM "
				+ ReplicaStore.TABLE + " WHERE " + where.sql() + " GROUP BY ALL";
		List<Cell> cells = new ArrayList<>();
		try (PreparedStatement p = AnalyticsQueries.prepare(connection, sql, where.parameters());
				ResultSet rs = p.executeQuery()) {
			int first = fields.size() + 1;
			while (rs.next()) {
				int[] key = new int[fields.size()];
				for (int i = 0; i < key.length; i++) {
					key[i] = rs.getInt(i + 1);
				}
				cells.add(new Cell(key, rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2),
						rs.getLong(first + 3), rs.getBigDecimal(first + 4), rs.getBigDecimal(first + 5),
						rs.getBigDecimal(first + 6), rs.getObject(first + 7, LocalDate.class),
						rs.getObject(first + 8, LocalDate.class)));
			}
		}
		return new Cube(fields, cells);
	}

	/**
	 * The summary of all the filtered records, as {@link AnalyticsQueries#summary}
	 * answers it without a range: the data's own range, and nothing before its first day.
	 */
	Answers.Summary summary() {
		if (cells.isEmpty()) {
			return new Answers.Summary(null, null, Totals.NONE, Totals.NONE);
		}
		Sum all = new Sum();
		cells.forEach(all::add);
		return new Answers.Summary(all.first, all.last, all.totals(), Totals.NONE);
	}

	/**
	 * The breakdown by one or two of the cube's fields, as
	 * {@link AnalyticsQueries#breakdown} answers it.
	 */
	Answers.Breakdown breakdown(List<Dimension> by, ReplicaDictionary codes, int limit) {
		int[] columns = by.stream().mapToInt(fields::indexOf).toArray();
		Map<Long, Sum> groups = new HashMap<>();
		for (Cell cell : cells) {
			long key = 0; // the codes (never negative) side by side
			for (int column : columns) {
				key = (key << 32) | cell.key()[column];
			}
			groups.computeIfAbsent(key, k -> new Sum()).add(cell);
		}
		List<Answers.Group> rows = new ArrayList<>(groups.size());
		for (Map.Entry<Long, Sum> group : groups.entrySet()) {
			Map<String, String> keys = new LinkedHashMap<>();
			for (int i = 0; i < by.size(); i++) {
				int code = (int) (group.getKey() >>> (32 * (by.size() - 1 - i)));
				keys.put(by.get(i).parameter(), codes.value(by.get(i), code));
			}
			rows.add(new Answers.Group(keys, group.getValue().totals()));
		}
		return AnalyticsQueries.ranked(rows, limit);
	}

	/**
	 * One combination's sums ({@code null} revenue where none of its records has any) and
	 * its first and last day.
	 */
	private record Cell(int[] key, long records, long impressions, long clicks, long conversions, BigDecimal adSpend,
			BigDecimal revenue, BigDecimal adSpendWithRevenue, LocalDate first, LocalDate last) {
	}

	/** Cells added up. */
	private static final class Sum {

		private long records;

		private long impressions;

		private long clicks;

		private long conversions;

		private BigDecimal adSpend = BigDecimal.ZERO;

		private BigDecimal revenue;

		private BigDecimal adSpendWithRevenue;

		private LocalDate first;

		private LocalDate last;

		void add(Cell cell) {
			records += cell.records();
			impressions += cell.impressions();
			clicks += cell.clicks();
			conversions += cell.conversions();
			adSpend = adSpend.add(cell.adSpend());
			revenue = plus(revenue, cell.revenue());
			adSpendWithRevenue = plus(adSpendWithRevenue, cell.adSpendWithRevenue());
			first = first == null || cell.first().isBefore(first) ? cell.first() : first;
			last = last == null || cell.last().isAfter(last) ? cell.last() : last;
		}

		Totals totals() {
			return Totals.of(records, impressions, clicks, conversions, adSpend, revenue, adSpendWithRevenue);
		}

		private static BigDecimal plus(BigDecimal a, BigDecimal b) {
			return a == null ? b : b == null ? a : a.add(b);
		}

	}

}
