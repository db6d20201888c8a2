package dev.campaignpipe.analytics;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.sync.MirrorPosition;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The analytics replica on disk: one DuckDB file in the data folder holding the mirror's
 * records (inputs only: KPIs are ratios of sums, computed per query) and the mirror
 * position they reflect, always written in one transaction with them. Money is DECIMAL,
 * never DOUBLE. Queries get their own connection ({@link #connect()}); writes happen on
 * the replica's one thread.
 */
final class ReplicaStore implements AutoCloseable {

	static final String TABLE = "campaigns";

	private static final String BUILD_TABLE = "campaigns_build";

	private static final String STAGED_TABLE = "campaigns_staged";

	private static final String COLUMNS = "campaign_id BIGINT NOT NULL, campaign_company VARCHAR NOT NULL, "
			+ "campaign_name VARCHAR NOT NULL, campaign_type VARCHAR NOT NULL, marketing_channel VARCHAR NOT NULL, "
			+ "ad_format VARCHAR NOT NULL, date DATE NOT NULL, impressions BIGINT NOT NULL, clicks BIGINT NOT NULL, "
			+ "conversions BIGINT NOT NULL, ad_spend DECIMAL(18,6) NOT NULL, device_type VARCHAR NOT NULL, "
			+ "country VARCHAR NOT NULL, audience_segment VARCHAR NOT NULL, revenue DECIMAL(18,6), "
			+ "data_quality VARCHAR NOT NULL, week DATE NOT NULL, month DATE NOT NULL";

	/** The layout of the file; a file of another is started over. */
	private static final int SCHEMA_VERSION = 1;

	private final DuckDBConnection connection;

	private ReplicaStore(DuckDBConnection connection) {
		this.connection = connection;
	}

	/**
	 * Opens (or creates) the replica file.
	 * @throws SQLException also when the engine cannot load on this machine (no native
	 * library for it): the caller reports that and the product runs on without it
	 */
	static ReplicaStore open(Path file, String memoryLimit) throws SQLException, IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Properties settings = new Properties();
		settings.setProperty("memory_limit", memoryLimit);
		// two cores are shared with the writer and the sync: queries take at most both
		settings.setProperty("threads", "2");
		DuckDBConnection connection = (DuckDBConnection) DriverManager
			.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), settings);
		ReplicaStore store = new ReplicaStore(connection);
		store.createSchema();
		return store;
	}

	private void createSchema() throws SQLException {
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
				s.execute("DROP TABLE IF EXISTS " + TABLE);
				s.execute("DROP TABLE IF EXISTS replica_position");
				s.execute("DELETE FROM replica_schema");
				s.execute("INSERT INTO replica_schema VALUES (" + SCHEMA_VERSION + ")");
			}
			s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + COLUMNS + ")");
			s.execute(
					"CREATE TABLE IF NOT EXISTS replica_position (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL, "
							+ "byte_offset BIGINT NOT NULL)");
			s.execute("DROP TABLE IF EXISTS " + BUILD_TABLE);
			s.execute("CREATE OR REPLACE TABLE " + STAGED_TABLE + " (" + COLUMNS + ")");
		}
	}

	/** A connection of its own for one query (DuckDB connections are not shared). */
	Connection connect() throws SQLException {
		return connection.duplicate();
	}

	/** The mirror position the records reflect; {@code null} if never built. */
	MirrorPosition position() throws SQLException {
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("SELECT generation, byte_offset FROM replica_position WHERE id = 1")) {
			return rs.next() ? new MirrorPosition(rs.getLong(1), rs.getLong(2)) : null;
		}
	}

	long count() throws SQLException {
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * Replaces the records of these ids (adds the new ones) and moves the position, in
	 * one transaction: after a crash the replica holds either all of a batch or none.
	 */
	void apply(Collection<StoredCampaign> records, MirrorPosition position) throws SQLException {
		try (Statement s = connection.createStatement()) {
			s.execute("DELETE FROM " + STAGED_TABLE);
		}
		if (!records.isEmpty()) {
			try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, STAGED_TABLE)) {
				for (StoredCampaign record : records) {
					append(appender, record.id(), record.campaign());
				}
			}
		}
		connection.setAutoCommit(false);
		try (Statement s = connection.createStatement()) {
			if (!records.isEmpty()) {
				s.execute("DELETE FROM " + TABLE + " WHERE campaign_id IN (SELECT campaign_id FROM " + STAGED_TABLE
						+ ")");
				s.execute("INSERT INTO " + TABLE + " SELECT * FROM " + STAGED_TABLE);
			}
			savePosition(position);
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	/**
	 * Builds the replica anew from {@code source} into a table beside the one queries
	 * read, then swaps the two and sets the position in one transaction: queries see the
	 * old records until the new ones are complete.
	 * @param source calls its consumer once per record
	 * @param progress told the number of records appended so far, every 50,000
	 */
	void rebuild(Consumer<BiConsumer<Long, Campaign>> source, MirrorPosition position, Consumer<Long> progress)
			throws SQLException {
		try (Statement s = connection.createStatement()) {
			s.execute("CREATE OR REPLACE TABLE " + BUILD_TABLE + " (" + COLUMNS + ")");
		}
		long[] appended = { 0 };
		try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, BUILD_TABLE)) {
			source.accept((id, campaign) -> {
				try {
					append(appender, id, campaign);
				}
				catch (SQLException ex) {
					throw new ReplicaException(ex);
				}
				if (++appended[0] % 50_000 == 0) {
					progress.accept(appended[0]);
				}
			});
		}
		catch (ReplicaException ex) {
			throw ex.sqlCause();
		}
		connection.setAutoCommit(false);
		try (Statement s = connection.createStatement()) {
			s.execute("DROP TABLE " + TABLE);
			s.execute("ALTER TABLE " + BUILD_TABLE + " RENAME TO " + TABLE);
			savePosition(position);
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
		// the old table's blocks are free for reuse; give them back to the file system
		try (Statement s = connection.createStatement()) {
			s.execute("CHECKPOINT");
		}
	}

	private void savePosition(MirrorPosition position) throws SQLException {
		try (PreparedStatement p = connection
			.prepareStatement("INSERT OR REPLACE INTO replica_position VALUES (1, ?, ?)")) {
			p.setLong(1, position.generation());
			p.setLong(2, position.offset());
			p.executeUpdate();
		}
	}

	private static void append(DuckDBAppender appender, long id, Campaign c) throws SQLException {
		appender.beginRow()
			.append(id)
			.append(c.company())
			.append(c.name())
			.append(c.type())
			.append(c.channel())
			.append(c.adFormat())
			.append(c.date())
			.append(c.impressions())
			.append(c.clicks())
			.append(c.conversions())
			.append(money(c.adSpend()))
			.append(c.deviceType())
			.append(c.country())
			.append(c.audienceSegment());
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

	@Override
	public void close() throws SQLException {
		connection.close();
	}

	/** Carries an appender's SQLException out of a consumer. */
	private static final class ReplicaException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ReplicaException(SQLException cause) {
			super(cause);
		}

		SQLException sqlCause() {
			return (SQLException) getCause();
		}

	}

}
