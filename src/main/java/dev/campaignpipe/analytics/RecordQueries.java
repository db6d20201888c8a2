package dev.campaignpipe.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.Money;
import dev.campaignpipe.campaign.StoredCampaign;

/**
 * The records explorer's SQL over the replica (SPEC §13): one page of records in any
 * column's order with the number that match, and every matching record in that order for
 * a download. A row becomes the {@link StoredCampaign} it was stored as, its KPIs
 * computed the way the pipeline computed them. Only column names from the closed set of
 * {@link CampaignColumns#ALL} are written into the SQL; every value is a parameter.
 */
final class RecordQueries {

	private static final String TABLE = ReplicaStore.TABLE;

	/** Every §5 column as an expression over a replica row {@code c} to sort by. */
	static final Map<String, String> SORT_KEYS = sortKeys();

	private RecordQueries() {
	}

	/** The record's own columns, in {@link #record}'s order. */
	private static final String ROW = "c.campaign_id, c.campaign_company, c.campaign_name, c.campaign_type, "
			+ "c.marketing_channel, c.ad_format, c.date, c.impressions, c.clicks, c.conversions, c.ad_spend, "
			+ "c.device_type, c.country, c.audience_segment, c.revenue, c.data_quality";

	/**
	 * The page asked for and how many records match. The order is decided on the sort key
	 * and the id alone, and only the page's records are then read whole: a page deep in a
	 * million records sorts two columns, not sixteen. A page past the middle is found
	 * from the other end, in the opposite order, and turned round.
	 */
	static Answers.RecordPage page(Connection connection, ReplicaDictionary codes, RecordQuery query)
			throws SQLException {
		Filters.Condition where = where(codes, query);
		// one snapshot for all: the count and the rows agree while records arrive
		connection.setAutoCommit(false);
		try {
			long total;
			try (PreparedStatement p = AnalyticsQueries.prepare(connection,
					"SELECT count(*) FROM " + TABLE + " c WHERE " + where.sql(), where.parameters());
					ResultSet rs = p.executeQuery()) {
				rs.next();
				total = rs.getLong(1);
			}
			long offset = (long) query.page() * query.size();
			long size = Math.max(0, Math.min(query.size(), total - offset));
			if (size == 0) { // past the last record
				return new Answers.RecordPage(total, query.page(), query.size(), List.of());
			}
			boolean fromTheEnd = offset + size / 2 > total / 2;
			List<Object> parameters = new ArrayList<>(where.parameters());
			parameters.add(size);
			parameters.add(fromTheEnd ? total - offset - size : offset);
			List<Long> ids = new ArrayList<>();
			try (PreparedStatement p = AnalyticsQueries.prepare(connection,
					"SELECT c.campaign_id FROM " + TABLE + " c" + order(query, where, fromTheEnd) + " LIMIT ? OFFSET ?",
					parameters); ResultSet rs = p.executeQuery()) {
				while (rs.next()) {
					ids.add(rs.getLong(1));
				}
			}
			if (fromTheEnd) {
				Collections.reverse(ids);
			}
			return new Answers.RecordPage(total, query.page(), query.size(), records(connection, codes, ids));
		}
		finally {
			connection.rollback(); // read only
			connection.setAutoCommit(true);
		}
	}

	/** Every matching record in the query's order, streamed from the engine. */
	static void forEach(Connection connection, ReplicaDictionary codes, RecordQuery query,
			Consumer<StoredCampaign> consumer) throws SQLException {
		Filters.Condition where = where(codes, query);
		try (PreparedStatement p = AnalyticsQueries.prepare(connection,
				"SELECT " + ROW + " FROM " + TABLE + " c" + order(query, where, false), where.parameters());
				ResultSet rs = p.executeQuery()) {
			while (rs.next()) {
				consumer.accept(record(rs, codes));
			}
		}
	}

	/** These records, whole, in this order. */
	private static List<Map<String, Object>> records(Connection connection, ReplicaDictionary codes, List<Long> ids)
			throws SQLException {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, StoredCampaign> byId = new HashMap<>();
		try (PreparedStatement p = AnalyticsQueries.prepare(connection, "SELECT " + ROW + " FROM " + TABLE
				+ " c WHERE c.campaign_id IN (" + "?, ".repeat(ids.size() - 1) + "?)", new ArrayList<>(ids));
				ResultSet rs = p.executeQuery()) {
			while (rs.next()) {
				StoredCampaign record = record(rs, codes);
				byId.put(record.id(), record);
			}
		}
		List<Map<String, Object>> rows = new ArrayList<>(ids.size());
		for (long id : ids) {
			rows.add(CampaignColumns.values(byId.get(id)));
		}
		return rows;
	}

	/**
	 * The joins, WHERE and ORDER BY of a query: ties by id in the same direction, an
	 * undefined value last; {@code reversed}, exactly the opposite.
	 */
	private static String order(RecordQuery query, Filters.Condition where, boolean reversed) {
		boolean descending = query.descending() != reversed;
		String direction = descending ? " DESC" : " ASC";
		String nulls = reversed ? " NULLS FIRST" : " NULLS LAST";
		String join = "";
		String key = SORT_KEYS.get(query.sort());
		Dimension coded = Dimension.of(query.sort()).filter(Dimension::coded).orElse(null);
		if (coded != null) {
			// codes are in the order values arrived: sort by each value's rank among its
			// field's values (a few thousand ranked once, then a million integers sorted)
			join = " JOIN (SELECT code, rank() OVER (ORDER BY value) AS position FROM " + ReplicaDictionary.TABLE
					+ " WHERE dimension = '" + coded.parameter() + "') s ON s.code = c." + coded.parameter();
			key = "s.position";
		}
		return join + " WHERE " + where.sql() + " ORDER BY " + key + direction + nulls + ", c.campaign_id" + direction;
	}

	/** The filters, and the free text in company or campaign name. */
	private static Filters.Condition where(ReplicaDictionary codes, RecordQuery query) {
		Filters.Condition filters = query.filters().condition(codes);
		StringBuilder sql = new StringBuilder(filters.sql());
		List<Object> parameters = new ArrayList<>(filters.parameters());
		if (query.text() != null) {
			sql.append(" AND (");
			String needle = query.text().toLowerCase(Locale.ROOT);
			List<Dimension> searched = List.of(Dimension.CAMPAIGN_COMPANY, Dimension.CAMPAIGN_NAME);
			for (int i = 0; i < searched.size(); i++) {
				String field = searched.get(i).parameter();
				sql.append(i == 0 ? "" : " OR ")
					.append("c.")
					.append(field)
					.append(" IN (SELECT code FROM ")
					.append(ReplicaDictionary.TABLE)
					.append(" WHERE dimension = '")
					.append(field)
					.append("' AND contains(lower(value), ?))");
				parameters.add(needle);
			}
			sql.append(")");
		}
		return new Filters.Condition(sql.toString(), parameters);
	}

	private static StoredCampaign record(ResultSet rs, ReplicaDictionary codes) throws SQLException {
		Campaign campaign = new Campaign(codes.value(Dimension.CAMPAIGN_COMPANY, rs.getInt(2)),
				codes.value(Dimension.CAMPAIGN_NAME, rs.getInt(3)), codes.value(Dimension.CAMPAIGN_TYPE, rs.getInt(4)),
				codes.value(Dimension.MARKETING_CHANNEL, rs.getInt(5)), codes.value(Dimension.AD_FORMAT, rs.getInt(6)),
				rs.getObject(7, LocalDate.class), rs.getLong(8), rs.getLong(9), rs.getLong(10),
				Money.asEntered(rs.getBigDecimal(11)), codes.value(Dimension.DEVICE_TYPE, rs.getInt(12)),
				codes.value(Dimension.COUNTRY, rs.getInt(13)), codes.value(Dimension.AUDIENCE_SEGMENT, rs.getInt(14)),
				Money.asEntered((BigDecimal) rs.getObject(15)), rs.getString(16));
		return StoredCampaign.of(rs.getLong(1), campaign);
	}

	/**
	 * The KPIs as the pipeline rounds them (SPEC §4), so two records that show the same
	 * value are ordered by id, as the database orders them; an undefined KPI sorts last.
	 */
	private static Map<String, String> sortKeys() {
		Map<String, String> keys = new LinkedHashMap<>();
		String spend = "c.ad_spend::DOUBLE";
		String impressions = "c.impressions::DOUBLE";
		String clicks = "c.clicks::DOUBLE";
		String conversions = "c.conversions::DOUBLE";
		for (String column : List.of("campaign_id", "date", "impressions", "clicks", "conversions", "ad_spend",
				"revenue", "data_quality")) {
			keys.put(column, "c." + column);
		}
		keys.put("cost_per_click", ratio(spend, clicks, 4));
		keys.put("cost_per_mille", ratio(spend + " * 1000", impressions, 4));
		keys.put("ctr", ratio(clicks, impressions, 6));
		keys.put("conversion_rate", ratio(conversions, clicks, 6));
		keys.put("cpc_effectiveness_score", "CASE WHEN c.clicks = 0 THEN NULL ELSE "
				+ ratio(clicks + " * " + clicks, impressions + " * " + spend, 6) + " END");
		keys.put("roi_score", ratio(conversions, spend, 6));
		keys.put("click_to_conversion_ratio", ratio(clicks, conversions, 6));
		keys.put("quality_score",
				ratio("(" + clicks + " * " + clicks + " + " + conversions + " * " + impressions + ") * 10",
						impressions + " * " + clicks, 4));
		keys.put("engagement_to_spend_ratio", ratio(clicks, spend, 6));
		keys.put("cost_efficiency_index", ratio(spend, conversions, 4));
		keys.put("week_number", "weekofyear(c.date)");
		keys.put("month", "month(c.date)");
		keys.put("roas", ratio("c.revenue::DOUBLE", spend, 6));
		keys.put("roi", ratio("(c.revenue - c.ad_spend)::DOUBLE", spend, 6));
		keys.put("year", "year(c.date)");
		keys.put("quarter", "quarter(c.date)");
		keys.put("iso_year", "isoyear(c.date)");
		for (Dimension d : Dimension.values()) {
			if (d.coded()) {
				keys.put(d.parameter(), "s.position"); // joined in by order()
			}
		}
		return Map.copyOf(keys);
	}

	private static String ratio(String numerator, String denominator, int scale) {
		return "round((" + numerator + ") / nullif(" + denominator + ", 0), " + scale + ")";
	}

}
