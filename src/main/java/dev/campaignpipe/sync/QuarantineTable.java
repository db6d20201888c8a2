package dev.campaignpipe.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.campaignpipe.csvfile.QuarantinedLine;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Lines of the CSV the mirror could not take, with their reasons
 * ({@code pipeline_quarantine}): written by the sync in the transaction of the batch that
 * read them; listed, and resolved (fixed into a new record or dismissed) by the repair
 * pages and API (SPEC §13). Nothing is deleted but the open lines of an earlier reading
 * of a replaced file.
 */
@Repository
public class QuarantineTable {

	private static final String COLUMNS = "id, line_number, campaign_id, raw_line, reason, quarantined_at, status, "
			+ "resolution, resolved_campaign_id, resolved_at";

	private final JdbcTemplate jdbc;

	private final AtomicLong open = new AtomicLong();

	QuarantineTable(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One quarantined line and what became of it. */
	public record Entry(long id, long lineNumber, Long lineCampaignId, String raw, String reason, Instant quarantinedAt,
			Status status, Resolution resolution, Long campaignId, Instant resolvedAt) {
	}

	/** Whether a line still waits for a decision. */
	public enum Status {

		OPEN, RESOLVED;

		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** How a line was resolved. */
	public enum Resolution {

		/** Saved as a new record ({@link Entry#campaignId()}). */
		FIXED,
		/** Resolved without a record. */
		DISMISSED;

		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Quarantines lines of reading {@code generation}. A line exactly like one already
	 * resolved (the same file read again after Excel saved it) comes in resolved the same
	 * way: a fixed line is never offered for fixing twice.
	 */
	void add(List<QuarantinedLine> lines, long generation) {
		Timestamp now = Timestamp.from(Instant.now());
		Map<String, Object[]> resolved = resolved(
				lines.stream().map(q -> truncate(q.line().text(), 4000)).distinct().toList());
		jdbc.batchUpdate(
				"INSERT INTO pipeline_quarantine (generation, line_number, byte_offset, campaign_id, raw_line, "
						+ "reason, quarantined_at, status, resolution, resolved_campaign_id, resolved_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				lines.stream().map(q -> {
					String raw = truncate(q.line().text(), 4000);
					Object[] earlier = resolved.get(raw);
					return new Object[] { generation, q.line().lineNumber(), q.line().offset(), q.campaignId(), raw,
							truncate(q.reason(), 2000), now, earlier == null ? "open" : "resolved",
							earlier == null ? null : earlier[0], earlier == null ? null : earlier[1],
							earlier == null ? null : earlier[2] };
				}).toList());
	}

	/**
	 * Resolution, record and time of the resolved lines among {@code raws}, by raw text.
	 */
	private Map<String, Object[]> resolved(List<String> raws) {
		Map<String, Object[]> resolved = new HashMap<>();
		for (int from = 0; from < raws.size(); from += 500) {
			List<String> chunk = raws.subList(from, Math.min(raws.size(), from + 500));
			jdbc.query(
					"SELECT raw_line, resolution, resolved_campaign_id, resolved_at FROM pipeline_quarantine "
							+ "WHERE status = 'resolved' AND raw_line IN (" + "?, ".repeat(chunk.size() - 1) + "?)",
					(RowCallbackHandler) rs -> resolved.putIfAbsent(rs.getString(1),
							new Object[] { rs.getString(2), rs.getObject(3), rs.getTimestamp(4) }),
					chunk.toArray());
		}
		return resolved;
	}

	/**
	 * A new reading of the file starts: the open lines of earlier readings are gone from
	 * it (the new reading quarantines what is still wrong); resolved ones stay, with the
	 * records they became.
	 */
	void dropBefore(long generation) {
		jdbc.update("DELETE FROM pipeline_quarantine WHERE generation < ? AND status = 'open'", generation);
	}

	/**
	 * Lines still open: what needs someone's attention (counted anew; see
	 * {@link #open()}).
	 */
	long count() {
		long counted = jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_quarantine WHERE status = 'open'",
				Long.class);
		open.set(counted);
		return counted;
	}

	/**
	 * Lines open as last counted by the sync, less those resolved since: what the status
	 * shows at once after a fix or a dismiss, without a query per status request.
	 */
	long open() {
		return open.get();
	}

	/**
	 * Lines newest first.
	 * @param status {@code null} for both
	 * @param reason text the reason contains, any case; {@code null} for any
	 */
	public List<Entry> list(Status status, String reason, int offset, int limit) {
		Condition where = where(status, reason);
		List<Object> parameters = new ArrayList<>(where.parameters());
		parameters.add(limit);
		parameters.add(offset);
		return jdbc.query("SELECT " + COLUMNS + " FROM pipeline_quarantine WHERE " + where.sql()
				+ " ORDER BY id DESC LIMIT ? OFFSET ?", (rs, n) -> entry(rs), parameters.toArray());
	}

	public long count(Status status, String reason) {
		Condition where = where(status, reason);
		return jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_quarantine WHERE " + where.sql(), Long.class,
				where.parameters().toArray());
	}

	public Optional<Entry> find(long id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM pipeline_quarantine WHERE id = ?", (rs, n) -> entry(rs), id)
			.stream()
			.findFirst();
	}

	/**
	 * Marks an open line resolved.
	 * @param campaignId the record it became, {@code null} when dismissed
	 * @return whether it was open (a line is resolved once)
	 */
	public boolean resolve(long id, Resolution resolution, Long campaignId) {
		boolean resolved = jdbc.update(
				"UPDATE pipeline_quarantine SET status = 'resolved', resolution = ?, resolved_campaign_id = ?, "
						+ "resolved_at = ? WHERE id = ? AND status = 'open'",
				resolution.key(), campaignId, Timestamp.from(Instant.now()), id) == 1;
		if (resolved) {
			open.updateAndGet(n -> Math.max(0, n - 1));
		}
		return resolved;
	}

	/** A WHERE condition and its parameters, in order. */
	private record Condition(String sql, List<Object> parameters) {
	}

	private static Condition where(Status status, String reason) {
		List<Object> parameters = new ArrayList<>();
		StringBuilder sql = new StringBuilder("1 = 1");
		if (status != null) {
			sql.append(" AND status = ?");
			parameters.add(status.key());
		}
		if (reason != null) {
			sql.append(" AND LOWER(reason) LIKE ? ESCAPE '!'");
			parameters.add("%"
					+ reason.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
		}
		return new Condition(sql.toString(), parameters);
	}

	private static Entry entry(ResultSet rs) throws SQLException {
		Timestamp resolvedAt = rs.getTimestamp("resolved_at");
		String resolution = rs.getString("resolution");
		return new Entry(rs.getLong("id"), rs.getLong("line_number"), rs.getObject("campaign_id", Long.class),
				rs.getString("raw_line"), rs.getString("reason"), rs.getTimestamp("quarantined_at").toInstant(),
				Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
				resolution == null ? null : Resolution.valueOf(resolution.toUpperCase(Locale.ROOT)),
				rs.getObject("resolved_campaign_id", Long.class), resolvedAt == null ? null : resolvedAt.toInstant());
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

}
