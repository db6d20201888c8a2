package dev.campaignpipe.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.campaignpipe.csvfile.QuarantinedLine;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Lines of the CSV the mirror could not take, with their reasons
 * ({@code pipeline_quarantine}). Written in the transaction of the batch that read them.
 */
@Repository
class QuarantineTable {

	private final JdbcTemplate jdbc;

	QuarantineTable(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void add(List<QuarantinedLine> lines, long generation) {
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.batchUpdate(
				"INSERT INTO pipeline_quarantine (generation, line_number, byte_offset, campaign_id, raw_line, "
						+ "reason, quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				lines.stream()
					.map(q -> new Object[] { generation, q.line().lineNumber(), q.line().offset(), q.campaignId(),
							truncate(q.line().text(), 4000), truncate(q.reason(), 2000), now })
					.toList());
	}

	/**
	 * A new reading of the file starts: what was quarantined in earlier readings no
	 * longer applies.
	 */
	void dropBefore(long generation) {
		jdbc.update("DELETE FROM pipeline_quarantine WHERE generation < ?", generation);
	}

	long count() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_quarantine", Long.class);
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

}
