package dev.campaignpipe.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The sync's position in the CSV, one row in {@code pipeline_sync_checkpoint}. Kept apart
 * from the rows it covers, but always written in their transaction ({@link SyncBatch}).
 */
@Repository
class CheckpointStore {

	private final JdbcTemplate jdbc;

	CheckpointStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The stored checkpoint, or the start of the file when none was ever stored. */
	Checkpoint load() {
		List<Checkpoint> rows = jdbc.query(
				"SELECT file_key, head_hash, tail_hash, generation, byte_offset, line_number "
						+ "FROM pipeline_sync_checkpoint WHERE id = 1",
				(rs, n) -> new Checkpoint(rs.getString(1).strip(), rs.getString(2).strip(), rs.getString(3).strip(),
						rs.getLong(4), rs.getLong(5), rs.getLong(6)));
		return rows.isEmpty() ? Checkpoint.initial() : rows.get(0);
	}

	/**
	 * Moves the checkpoint from {@code expected} to {@code next}, in the caller's
	 * transaction.
	 * @throws CheckpointMovedException if the database does not hold {@code expected}: it
	 * went back in time (an embedded database reopened after a failed write, a restored
	 * backup) or another writer moved it; the caller's transaction must roll back and the
	 * sync reload
	 */
	void move(Checkpoint expected, Checkpoint next) {
		Timestamp now = Timestamp.from(Instant.now());
		int updated = jdbc.update("UPDATE pipeline_sync_checkpoint SET file_key = ?, head_hash = ?, tail_hash = ?, "
				+ "generation = ?, byte_offset = ?, line_number = ?, updated_at = ? WHERE id = 1 AND generation = ? "
				+ "AND byte_offset = ?", next.fileKey(), next.headHash(), next.tailHash(), next.generation(),
				next.offset(), next.lineNumber(), now, expected.generation(), expected.offset());
		if (updated == 1) {
			return;
		}
		boolean first = expected.equals(Checkpoint.initial())
				&& jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_sync_checkpoint", Long.class) == 0;
		if (!first) {
			throw new CheckpointMovedException(expected, load());
		}
		jdbc.update(
				"INSERT INTO pipeline_sync_checkpoint (id, file_key, head_hash, tail_hash, generation, byte_offset, "
						+ "line_number, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
				next.fileKey(), next.headHash(), next.tailHash(), next.generation(), next.offset(), next.lineNumber(),
				now);
	}

}
