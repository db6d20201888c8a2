package dev.campaignpipe.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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

	private final DuckDBConnection connection;

	private final ReplicaDictionary dictionary;

	private final Cubes cubes = new Cubes();

	/** One more after each commit: what a cached answer was computed from. */
	private volatile long version;

	private ReplicaStore(DuckDBConnection connection, ReplicaDictionary dictionary) {
		this.connection = connection;
		this.dictionary = dictionary;
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
		ReplicaLayout.create(connection, TABLE, BUILD_TABLE, STAGED_TABLE);
		return new ReplicaStore(connection, ReplicaDictionary.load(connection));
	}

	/** A connection of its own for one query (DuckDB connections are not shared). */
	Connection connect() throws SQLException {
		return connection.duplicate();
	}

	/** The cubes of recent filter sets over these records. */
	Cubes cubes() {
		return cubes;
	}

	/** Changes with every commit of records. */
	long version() {
		return version;
	}

	/** The codes the records' text fields are stored as. */
	ReplicaDictionary dictionary() {
		return dictionary;
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
	 * Adds these records and moves the position, in one transaction: after a crash the
	 * replica holds either all of a batch or none.
	 * @param replacing whether some ids may be there already (their rows are replaced); a
	 * batch of new ids only is appended without looking
	 */
	void apply(Collection<StoredCampaign> records, boolean replacing, MirrorPosition position) throws SQLException {
		try (Statement s = connection.createStatement()) {
			s.execute("DELETE FROM " + STAGED_TABLE);
		}
		if (!records.isEmpty()) {
			try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, STAGED_TABLE)) {
				for (StoredCampaign record : records) {
					ReplicaLayout.append(appender, dictionary, record.id(), record.campaign());
				}
			}
		}
		inTransaction(s -> {
			if (replacing && !records.isEmpty()) {
				s.execute("DELETE FROM " + TABLE + " WHERE campaign_id IN (SELECT campaign_id FROM " + STAGED_TABLE
						+ ")");
			}
			if (!records.isEmpty()) {
				s.execute("INSERT INTO " + TABLE + " SELECT * FROM " + STAGED_TABLE);
			}
			savePosition(position);
		});
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
		long[] appended = { 0 };
		// one transaction from the empty table to the swap, rather than the appender's
		// auto-commit of every chunk: a million records built in 0.87x the time (-Xmx1g)
		// and 0.74x (-Xmx256m), docs/benchmarks.md §6
		inTransaction(s -> {
			s.execute("CREATE OR REPLACE TABLE " + BUILD_TABLE + " (" + ReplicaLayout.COLUMNS + ")");
			try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, BUILD_TABLE)) {
				source.accept((id, campaign) -> {
					try {
						ReplicaLayout.append(appender, dictionary, id, campaign);
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
			s.execute("DROP TABLE " + TABLE);
			s.execute("ALTER TABLE " + BUILD_TABLE + " RENAME TO " + TABLE);
			savePosition(position);
		});
		// the old table's blocks are free for reuse; give them back to the file system
		try (Statement s = connection.createStatement()) {
			s.execute("CHECKPOINT");
		}
	}

	/** Statements run on the writing connection inside one transaction. */
	@FunctionalInterface
	private interface Work {

		void run(Statement statement) throws SQLException;

	}

	private void inTransaction(Work work) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement s = connection.createStatement()) {
			work.run(s);
			dictionary.saveNew(connection); // the codes the rows use commit with them
			connection.commit();
			dictionary.committed();
			version++; // the one writing thread
		}
		catch (SQLException | RuntimeException ex) {
			// whatever failed, not only the engine: turning auto-commit back on below
			// would commit what the transaction holds so far
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
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
