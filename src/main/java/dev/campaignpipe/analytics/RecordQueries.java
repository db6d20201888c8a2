package dev.campaignpipe.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
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

	/** The page asked for and how many records match. */
	static Answers.RecordPage page(Connection connection, ReplicaDictionary codes, RecordQuery query)
			throws SQLException {
		Where where = where(codes, query);
		// one snapshot for both: the count and the rows agree while records arrive
		connection.setAutoCommit(false);
		try {
			long total;
			try (PreparedStatement p = AnalyticsQueries.prepare(connection,
					"SELECT count(*) FROM " + TABLE + " c WHERE " + where.sql(), where.parameters());
					ResultSet rs = p.executeQuery()) {
				rs.next();
				total = rs.getLong(1);
			}
			List<Map<String, Object>> rows = new ArrayList<>();
			List<Object> parameters = new ArrayList<>(where.parameters());
			parameters.add(query.size());
			parameters.add((long) query.page() * query.size());
			try (PreparedStatement p = AnalyticsQueries.prepare(connection, select(query, where) + " LIMIT ? OFFSET ?",
					parameters); ResultSet rs = p.executeQuery()) {
				while (rs.next()) {
					rows.add(CampaignColumns.values(record(rs, codes)));
				}
			}
			return new Answers.RecordPage(total, query.page(), query.size(), rows);
		}
		finally {
			connection.rollback(); // read only
			connection.setAutoCommit(true);
		}
	}

	/** Every matching record in the query's order, streamed from the engine. */
	static void forEach(Connection connection, ReplicaDictionary codes, RecordQuery query,
			Consumer<StoredCampaign> consumer) throws SQLException {
		Where where = where(codes, query);
		try (PreparedStatement p = AnalyticsQueries.prepare(connection, select(query, where), where.parameters());
				ResultSet rs = p.executeQuery()) {
			while (rs.next()) {
				consumer.accept(record(rs, codes));
			}
		}
	}

	private static String select(RecordQuery query, Where where) {
		String direction = query.descending() ? " DESC" : " ASC";
		String join = "";
		String key = SORT_KEYS.get(query.sort());
		Dimension coded = Dimension.of(query.sort()).filter(Dimension::coded).orElse(null);
		if (coded != null) {
			// codes are in the order values arrived: sort by the values they stand for
			join = " LEFT JOIN " + ReplicaDictionary.TABLE + " s ON s.dimension = '" + coded.parameter()
					+ "' AND s.code = c." + coded.parameter();
			key = "s.value";
		}
		return "SELECT c.campaign_id, c.campaign_company, c.campaign_name, c.campaign_type, c.marketing_channel, "
				+ "c.ad_format, c.date, c.impressions, c.clicks, c.conversions, c.ad_spend, c.device_type, c.country, "
				+ "c.audience_segment, c.revenue, c.data_quality FROM " + TABLE + " c" + join + " WHERE " + where.sql()
				+ " ORDER BY " + key + direction + " NULLS LAST, c.campaign_id" + direction;
	}

	/** The filters, and the free text in company or campaign name. */
	private static Where where(ReplicaDictionary codes, RecordQuery query) {
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
		return new Where(sql.toString(), parameters);
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
				keys.put(d.parameter(), "s.value"); // joined in by select()
			}
		}
		return Map.copyOf(keys);
	}

	private static String ratio(String numerator, String denominator, int scale) {
		return "round((" + numerator + ") / nullif(" + denominator + ", 0), " + scale + ")";
	}

	private record Where(String sql, List<Object> parameters) {
	}

}
