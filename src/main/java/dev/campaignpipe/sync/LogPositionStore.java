package dev.campaignpipe.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where a database fed from cluster mode's log stands in it: one row in
 * {@code pipeline_log_position}, written only in the transaction of the rows it covers
 * ({@link LogMirror}).
 */
@Repository
class LogPositionStore {

	private final JdbcTemplate jdbc;

	LogPositionStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The next offset to write, or {@code null} when this database was never fed from a
	 * log.
	 */
	Long stored() {
		List<Long> next = jdbc.queryForList("SELECT next_offset FROM pipeline_log_position WHERE id = 1", Long.class);
		return next.isEmpty() ? null : next.get(0);
	}

	/**
	 * The next offset of {@code topic} to write (0 for a database that holds none yet,
	 * whose position row is created here, before any batch locks it).
	 * @throws IllegalStateException if this database holds another topic's records, or
	 * mirrors a campaigns.csv: its rows would mix two sources of ids
	 */
	long next(String topic) {
		String held = heldTopic();
		if (held != null && !held.equals(topic)) {
			throw new IllegalStateException("this database holds the records of the log topic '" + held + "', not of '"
					+ topic + "' (pipeline.kafka.topic)");
		}
		Long csvRead = jdbc.queryForObject(
				"SELECT COUNT(*) FROM pipeline_sync_checkpoint WHERE byte_offset > 0 OR generation > 0", Long.class);
		if (held == null && csvRead > 0) {
			throw new IllegalStateException("this database mirrors a campaigns.csv (pipeline_sync_checkpoint);"
					+ " a database takes its records from a CSV or from the log, not both: give the log sink"
					+ " a database of its own");
		}
		if (held == null) {
			try {
				jdbc.update(
						"INSERT INTO pipeline_log_position (id, topic, next_offset, updated_at) VALUES (1, ?, 0, ?)",
						topic, Timestamp.from(Instant.now()));
			}
			catch (DuplicateKeyException ex) {
				// another sink starting at the same moment created it: the same row
			}
		}
		return stored();
	}

	/**
	 * For the CSV's sync, in its batch's transaction.
	 * @throws IllegalStateException if a log sink feeds this database (cluster mode): a
	 * CSV's rows would mix two sources of ids
	 */
	void refuseCsvRows() {
		String held = heldTopic();
		if (held != null) {
			throw new IllegalStateException("this database holds the records of the log topic '" + held
					+ "' (cluster mode); a database takes its records from a CSV or from the log, not both:"
					+ " give the CSV's sync a database of its own");
		}
	}

	/**
	 * The topic whose records this database holds, or {@code null} if no log feeds it.
	 */
	private String heldTopic() {
		List<String> held = jdbc.queryForList("SELECT topic FROM pipeline_log_position WHERE id = 1", String.class);
		return held.isEmpty() ? null : held.get(0);
	}

	/**
	 * Locks the position for the caller's transaction (another sink's batch waits until
	 * it ends) and checks it is still {@code expected}.
	 * @throws LogPositionMovedException if another sink moved it meanwhile
	 */
	void lock(long expected) {
		List<Long> next = jdbc.queryForList("SELECT next_offset FROM pipeline_log_position WHERE id = 1 FOR UPDATE",
				Long.class);
		if (next.isEmpty()) {
			throw new IllegalStateException("no log position in this database: read it (next) before writing");
		}
		if (next.get(0) != expected) {
			throw new LogPositionMovedException(expected, next.get(0));
		}
	}

	/** Moves the position locked by {@link #lock}, in the same transaction. */
	void move(long next) {
		jdbc.update("UPDATE pipeline_log_position SET next_offset = ?, updated_at = ? WHERE id = 1", next,
				Timestamp.from(Instant.now()));
	}

}
