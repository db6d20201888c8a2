package dev.campaignpipe.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;

import dev.campaignpipe.campaign.Campaign;
import org.duckdb.DuckDBAppender;

/**
 * The replica's table layout and how a record becomes one of its rows: the record's own
 * columns (KPIs are ratios of sums, computed per query), its text fields as
 * {@link ReplicaDictionary} codes, money as DECIMAL(18,6), and the week and month each
 * date falls in.
 */
final class ReplicaLayout {

	static final String COLUMNS = "campaign_id BIGINT NOT NULL, campaign_company INTEGER NOT NULL, "
			+ "campaign_name INTEGER NOT NULL, campaign_type INTEGER NOT NULL, marketing_channel INTEGER NOT NULL, "
			+ "ad_format INTEGER NOT NULL, date DATE NOT NULL, impressions BIGINT NOT NULL, clicks BIGINT NOT NULL, "
			+ "conversions BIGINT NOT NULL, ad_spend DECIMAL(18,6) NOT NULL, device_type INTEGER NOT NULL, "
			+ "country INTEGER NOT NULL, audience_segment INTEGER NOT NULL, revenue DECIMAL(18,6), "
			+ "data_quality VARCHAR NOT NULL, week DATE NOT NULL, month DATE NOT NULL";

	/** The layout of the file; a file of another is started over. */
	private static final int SCHEMA_VERSION = 2;

	private ReplicaLayout() {
	}

	/** Creates what is missing, and starts a file of another layout over. */
	static void create(Connection connection, String table, String build, String staged) throws SQLException {
		try (Statement s = connection.createStatement()) {
			s.execute("CREATE TABLE IF NOT EXISTS replica_schema (version INTEGER NOT NULL)");
			Integer version = null;
			try (ResultSet rs = s.executeQuery("SELECT max(version) FROM replica_schema")) {
				if (rs.next()) {
					version = (Integer) rs.getObject(1);
				}
			}
			if (version == null || version != SCHEMA_VERSION) {
				// a file of another layout: start it over (it is rebuilt from the mirror)
				s.execute("DROP TABLE IF EXISTS " + table);
				s.execute("DROP TABLE IF EXISTS replica_position");
				s.execute("DROP TABLE IF EXISTS " + ReplicaDictionary.TABLE);
				s.execute("DELETE FROM replica_schema");
				s.execute("INSERT INTO replica_schema VALUES (" + SCHEMA_VERSION + ")");
			}
			s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + COLUMNS + ")");
			s.execute(
					"CREATE TABLE IF NOT EXISTS replica_position (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL, "
							+ "byte_offset BIGINT NOT NULL)");
			ReplicaDictionary.create(s);
			s.execute("DROP TABLE IF EXISTS " + build);
			s.execute("CREATE OR REPLACE TABLE " + staged + " (" + COLUMNS + ")");
		}
	}

	static void append(DuckDBAppender appender, ReplicaDictionary codes, long id, Campaign c) throws SQLException {
		appender.beginRow()
			.append(id)
			.append(codes.code(Dimension.CAMPAIGN_COMPANY, c.company()))
			.append(codes.code(Dimension.CAMPAIGN_NAME, c.name()))
			.append(codes.code(Dimension.CAMPAIGN_TYPE, c.type()))
			.append(codes.code(Dimension.MARKETING_CHANNEL, c.channel()))
			.append(codes.code(Dimension.AD_FORMAT, c.adFormat()))
			.append(c.date())
			.append(c.impressions())
			.append(c.clicks())
			.append(c.conversions())
			.append(money(c.adSpend()))
			.append(codes.code(Dimension.DEVICE_TYPE, c.deviceType()))
			.append(codes.code(Dimension.COUNTRY, c.country()))
			.append(codes.code(Dimension.AUDIENCE_SEGMENT, c.audienceSegment()));
		if (c.revenue() == null) {
			appender.appendNull();
		}
		else {
			appender.append(money(c.revenue()));
		}
		// the periods of the time series, kept beside the date: grouping by a stored date
		// is several times quicker than truncating ten million dates per query
		appender.append(c.dataQuality())
			.append(c.date().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
			.append(c.date().withDayOfMonth(1))
			.endRow();
	}

	/**
	 * The appender takes a decimal only at the column's scale; money has at most six
	 * decimals (the mirror's scale), so nothing is rounded.
	 */
	private static BigDecimal money(BigDecimal value) {
		return value.setScale(6, RoundingMode.UNNECESSARY);
	}

}
