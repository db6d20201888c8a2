package dev.campaignpipe.sync;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.QuarantinedLine;
import dev.campaignpipe.csvfile.SyncedRow;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL access to the mirror table, the checkpoint and the quarantine. Every statement is
 * parameterized; the column list comes from {@link CampaignColumns}, the one layout of
 * the product.
 */
@Repository
public class CampaignTable {

	static final String TABLE = "digital_marketing_ad_performance_data";

	private static final String COLUMNS = String.join(", ", CampaignColumns.ALL);

	/**
	 * What a new row is written with: its columns, then the sync's bookkeeping
	 * ({@link #insertValues}).
	 */
	static final String INSERT_COLUMNS = COLUMNS + ", row_hash, source_generation, source_offset";

	private static final String INSERT = "INSERT INTO " + TABLE + " (" + INSERT_COLUMNS + ") VALUES ("
			+ "?, ".repeat(CampaignColumns.ALL.size()) + "?, ?, ?)";

	private static final String UPDATE = "UPDATE " + TABLE + " SET "
			+ String.join(" = ?, ", CampaignColumns.ALL.subList(1, CampaignColumns.ALL.size()))
			+ " = ?, row_hash = ?, source_generation = ?, source_offset = ? WHERE campaign_id = ?";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	/** Below this, one batched INSERT is as quick and the savepoint is not worth it. */
	private static final int BULK_LOAD_MIN_ROWS = 100;

	private final LocalInfileLoad bulkLoad = new LocalInfileLoad();

	public CampaignTable(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * What the table holds for a campaign_id, for the skip / update / quarantine
	 * decision.
	 */
	record Existing(String hash, long generation, long offset) {
	}

	/**
	 * A text column and its width in characters, as V1__campaign_table.sql declares it.
	 */
	private record TextColumn(String name, int width, Function<Campaign, String> value) {
	}

	private static final List<TextColumn> TEXT_COLUMNS = List.of(
			new TextColumn("campaign_company", 400, Campaign::company),
			new TextColumn("campaign_name", 400, Campaign::name), new TextColumn("campaign_type", 100, Campaign::type),
			new TextColumn("marketing_channel", 100, Campaign::channel),
			new TextColumn("ad_format", 100, Campaign::adFormat),
			new TextColumn("device_type", 100, Campaign::deviceType), new TextColumn("country", 100, Campaign::country),
			new TextColumn("audience_segment", 100, Campaign::audienceSegment),
			new TextColumn("data_quality", 2000, Campaign::dataQuality));

	/**
	 * Why the record does not fit the table's text columns, or {@code null} when it does.
	 */
	static String overflow(Campaign c) {
		for (TextColumn column : TEXT_COLUMNS) {
			String value = column.value().apply(c);
			// length() counts UTF-16 units, never fewer than characters: count only when
			// it might not fit
			int length = value.length() <= column.width() ? 0 : value.codePointCount(0, value.length());
			if (length > column.width()) {
				return column.name() + " is " + length + " characters long; the database column holds at most "
						+ column.width();
			}
		}
		return null;
	}

	/** The values of {@link #INSERT_COLUMNS} for one row, in that order. */
	static Object[] insertValues(SyncedRow row, long generation) {
		Object[] columns = CampaignColumns.valueArray(row.stored());
		Object[] values = java.util.Arrays.copyOf(columns, columns.length + 3);
		values[columns.length] = row.hash();
		values[columns.length + 1] = generation;
		values[columns.length + 2] = row.line().offset();
		return values;
	}

	Checkpoint loadCheckpoint() {
		List<Checkpoint> rows = jdbc.query(
				"SELECT file_key, head_hash, tail_hash, generation, byte_offset, line_number "
						+ "FROM pipeline_sync_checkpoint WHERE id = 1",
				(rs, n) -> new Checkpoint(rs.getString(1).strip(), rs.getString(2).strip(), rs.getString(3).strip(),
						rs.getLong(4), rs.getLong(5), rs.getLong(6)));
		return rows.isEmpty() ? Checkpoint.initial() : rows.get(0);
	}

	/**
	 * Moves the checkpoint from {@code expected} to {@code c}, in the caller's
	 * transaction.
	 * @throws CheckpointMovedException if the database does not hold {@code expected}: it
	 * went back in time (an embedded database reopened after a failed write, a restored
	 * backup) or another writer moved it; the caller's transaction must roll back and the
	 * sync reload
	 */
	void saveCheckpoint(Checkpoint expected, Checkpoint c) {
		Timestamp now = Timestamp.from(Instant.now());
		int updated = jdbc.update("UPDATE pipeline_sync_checkpoint SET file_key = ?, head_hash = ?, tail_hash = ?, "
				+ "generation = ?, byte_offset = ?, line_number = ?, updated_at = ? WHERE id = 1 AND generation = ? "
				+ "AND byte_offset = ?", c.fileKey(), c.headHash(), c.tailHash(), c.generation(), c.offset(),
				c.lineNumber(), now, expected.generation(), expected.offset());
		if (updated == 1) {
			return;
		}
		boolean first = expected.equals(Checkpoint.initial())
				&& jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_sync_checkpoint", Long.class) == 0;
		if (!first) {
			throw new CheckpointMovedException(expected, loadCheckpoint());
		}
		jdbc.update(
				"INSERT INTO pipeline_sync_checkpoint (id, file_key, head_hash, tail_hash, generation, byte_offset, "
						+ "line_number, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
				c.fileKey(), c.headHash(), c.tailHash(), c.generation(), c.offset(), c.lineNumber(), now);
	}

	Map<Long, Existing> existing(Collection<Long> ids) {
		Map<Long, Existing> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		String select = "SELECT campaign_id, row_hash, source_generation, source_offset FROM " + TABLE;
		org.springframework.jdbc.core.RowCallbackHandler collect = rs -> found.put(rs.getLong(1),
				new Existing(rs.getString(2), rs.getLong(3), rs.getLong(4)));
		java.util.LongSummaryStatistics range = ids.stream().mapToLong(Long::longValue).summaryStatistics();
		if (range.getMax() - range.getMin() < 2L * ids.size()) {
			// ids of a chunk are nearly consecutive: one range scan instead of parsing
			// thousands of literals
			jdbc.query(select + " WHERE campaign_id BETWEEN ? AND ?", collect, range.getMin(), range.getMax());
		}
		else {
			named.query(select + " WHERE campaign_id IN (:ids)", Map.of("ids", ids), collect);
		}
		return found;
	}

	void insert(List<SyncedRow> rows, long generation) {
		if (rows.size() >= BULK_LOAD_MIN_ROWS
				&& jdbc.execute((ConnectionCallback<Boolean>) con -> bulkLoad.load(con, rows, generation))) {
			return;
		}
		jdbc.batchUpdate(INSERT, rows.stream().map(r -> insertValues(r, generation)).toList());
	}

	void update(List<SyncedRow> rows, long generation) {
		jdbc.batchUpdate(UPDATE, rows.stream().map(r -> {
			List<Object> values = new ArrayList<>(java.util.Arrays.asList(CampaignColumns.valueArray(r.stored())));
			Object id = values.remove(0);
			values.add(r.hash());
			values.add(generation);
			values.add(r.line().offset());
			values.add(id);
			return values.toArray();
		}).toList());
	}

	/**
	 * Unchanged rows seen again in a new reading of the file: only where they were seen
	 * moves.
	 */
	void touch(List<SyncedRow> rows, long generation) {
		jdbc.batchUpdate("UPDATE " + TABLE + " SET source_generation = ?, source_offset = ? WHERE campaign_id = ?",
				rows.stream().map(r -> new Object[] { generation, r.line().offset(), r.stored().id() }).toList());
	}

	void quarantine(List<QuarantinedLine> lines, long generation) {
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
	void dropQuarantineBefore(long generation) {
		jdbc.update("DELETE FROM pipeline_quarantine WHERE generation < ?", generation);
	}

	/** Every stored campaign_id with its row_hash (streamed). */
	public void forEachIdAndHash(java.util.function.BiConsumer<Long, String> consumer) {
		jdbc.query(con -> {
			var statement = con.prepareStatement("SELECT campaign_id, row_hash FROM " + TABLE,
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(5000);
			return statement;
		}, (org.springframework.jdbc.core.RowCallbackHandler) rs -> consumer.accept(rs.getLong(1), rs.getString(2)));
		jdbc.query("SELECT DISTINCT campaign_id FROM pipeline_quarantine WHERE campaign_id IS NOT NULL",
				(org.springframework.jdbc.core.RowCallbackHandler) rs -> consumer.accept(rs.getLong(1), null));
	}

	/** Row count, input sums and ids of the table, for {@code verify} (streamed). */
	public void forEachInputs(java.util.function.Consumer<ResultSet> consumer) {
		jdbc.query(con -> {
			var statement = con.prepareStatement(
					"SELECT campaign_id, impressions, clicks, conversions, ad_spend FROM " + TABLE,
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(5000);
			return statement;
		}, (org.springframework.jdbc.core.RowCallbackHandler) consumer::accept);
	}

	public long quarantineCount() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM pipeline_quarantine", Long.class);
	}

	public Optional<StoredCampaign> find(long id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE campaign_id = ?", CampaignTable::map, id)
			.stream()
			.findFirst();
	}

	static StoredCampaign map(ResultSet rs, int row) throws SQLException {
		Campaign campaign = new Campaign(rs.getString("campaign_company"), rs.getString("campaign_name"),
				rs.getString("campaign_type"), rs.getString("marketing_channel"), rs.getString("ad_format"),
				rs.getObject("date", LocalDate.class), rs.getLong("impressions"), rs.getLong("clicks"),
				rs.getLong("conversions"), money(rs.getBigDecimal("ad_spend")), rs.getString("device_type"),
				rs.getString("country"), rs.getString("audience_segment"), money(rs.getBigDecimal("revenue")),
				rs.getString("data_quality"));
		return StoredCampaign.of(rs.getLong("campaign_id"), campaign);
	}

	/**
	 * DECIMAL(24,6) gives 752.330000 back; money reads as entered, with at least two
	 * decimals.
	 */
	static BigDecimal money(BigDecimal value) {
		if (value == null) {
			return null;
		}
		BigDecimal plain = value.stripTrailingZeros();
		return plain.scale() < 2 ? plain.setScale(2) : plain;
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

}
