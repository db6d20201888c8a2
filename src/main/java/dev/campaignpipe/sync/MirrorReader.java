package dev.campaignpipe.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.function.BiConsumer;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.Money;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.stereotype.Component;

/**
 * Reads the whole mirror for a copy kept elsewhere (the analytics replica): its position
 * and every record, streamed. Copies follow it afterwards through {@link MirrorChanged}.
 */
@Component
public class MirrorReader {

	private final JdbcTemplate jdbc;

	private final CheckpointStore checkpoints;

	private final LogPositionStore logPositions;

	MirrorReader(JdbcTemplate jdbc, CheckpointStore checkpoints, LogPositionStore logPositions) {
		this.jdbc = jdbc;
		this.checkpoints = checkpoints;
		this.logPositions = logPositions;
	}

	private static Campaign inputs(ResultSet rs) throws SQLException {
		return new Campaign(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
				rs.getObject(7, LocalDate.class), rs.getLong(8), rs.getLong(9), rs.getLong(10),
				Money.asEntered(rs.getBigDecimal(11)), rs.getString(12), rs.getString(13), rs.getString(14),
				Money.asEntered(rs.getBigDecimal(15)), rs.getString(16));
	}

	/** Where the mirror stands now (committed). */
	public MirrorPosition position() {
		Long logNext = logPositions.stored(); // a mirror fed from cluster mode's log
		return logNext != null ? new MirrorPosition(LogMirror.LOG_GENERATION, logNext)
				: MirrorPosition.of(checkpoints.load());
	}

	public long count() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + CampaignTable.TABLE, Long.class);
	}

	/** The record's own columns (its KPIs are derived), read by position below. */
	private static final String INPUTS = "campaign_id, campaign_company, campaign_name, campaign_type, "
			+ "marketing_channel, ad_format, date, impressions, clicks, conversions, ad_spend, device_type, country, "
			+ "audience_segment, revenue, data_quality";

	/** Rows per statement: small enough that no database materializes much at once. */
	private static final int PAGE = 20_000;

	/**
	 * Every record of the mirror with its id, in id order, never all in memory: pages of
	 * {@value #PAGE} rows by primary key on one connection, so MariaDB never sends more
	 * at once, and H2 streams them (its lazy execution, on for these statements only:
	 * without it H2 copies each page into a result of its own first, which made reading a
	 * million records take 6.4-7.4 s instead of 5.3 s). Read from {@link #position()} on
	 * or later: a row may be newer than it, never older.
	 */
	public void forEachRecord(BiConsumer<Long, Campaign> consumer) {
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
			if (h2) {
				setLazy(connection, true);
			}
			try (PreparedStatement select = connection.prepareStatement("SELECT " + INPUTS + " FROM "
					+ CampaignTable.TABLE + " WHERE campaign_id > ? ORDER BY campaign_id LIMIT " + PAGE)) {
				long last = 0;
				int read = PAGE;
				while (read == PAGE) {
					read = 0;
					select.setLong(1, last);
					try (ResultSet rs = select.executeQuery()) {
						while (rs.next()) {
							last = rs.getLong(1);
							read++;
							consumer.accept(last, inputs(rs));
						}
					}
				}
			}
			finally {
				if (h2) { // the connection goes back to the pool as it came
					setLazy(connection, false);
				}
			}
			return null;
		});
	}

	private static void setLazy(Connection connection, boolean lazy) throws SQLException {
		try (Statement s = connection.createStatement()) {
			s.execute("SET LAZY_QUERY_EXECUTION " + (lazy ? "TRUE" : "FALSE"));
		}
	}

}
