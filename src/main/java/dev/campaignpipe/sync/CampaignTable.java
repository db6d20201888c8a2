package dev.campaignpipe.sync;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.Money;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.SyncedRow;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL access to the mirror table's rows (the checkpoint and the quarantine have their own
 * classes). Every statement is parameterized; the column list comes from
 * {@link CampaignColumns}, the one layout of the product.
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

	/** The values of {@link #INSERT_COLUMNS} for one row, in that order. */
	static Object[] insertValues(SyncedRow row, long generation) {
		Object[] columns = CampaignColumns.valueArray(row.stored());
		Object[] values = Arrays.copyOf(columns, columns.length + 3);
		values[columns.length] = row.hash();
		values[columns.length + 1] = generation;
		values[columns.length + 2] = row.line().offset();
		return values;
	}

	Map<Long, MirroredRow> existing(Collection<Long> ids) {
		Map<Long, MirroredRow> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		String select = "SELECT campaign_id, row_hash, source_generation, source_offset FROM " + TABLE;
		RowCallbackHandler collect = rs -> found.put(rs.getLong(1),
				new MirroredRow(rs.getString(2), rs.getLong(3), rs.getLong(4)));
		LongSummaryStatistics range = ids.stream().mapToLong(Long::longValue).summaryStatistics();
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
			List<Object> values = new ArrayList<>(Arrays.asList(CampaignColumns.valueArray(r.stored())));
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

	/** Every stored campaign_id with its row_hash (streamed). */
	public void forEachIdAndHash(BiConsumer<Long, String> consumer) {
		jdbc.query(con -> {
			var statement = con.prepareStatement("SELECT campaign_id, row_hash FROM " + TABLE,
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(5000);
			return statement;
		}, (RowCallbackHandler) rs -> consumer.accept(rs.getLong(1), rs.getString(2)));
		jdbc.query("SELECT DISTINCT campaign_id FROM pipeline_quarantine WHERE campaign_id IS NOT NULL",
				(RowCallbackHandler) rs -> consumer.accept(rs.getLong(1), null));
	}

	/** A stored row's identity fields, for an import's natural keys (SPEC §14). */
	public record RowKey(long id, String company, String name, String type, String channel, String adFormat,
			LocalDate date, String deviceType, String country, String audienceSegment) {
	}

	/** Every stored row's identity fields (streamed, never all in memory). */
	public void forEachKey(Consumer<RowKey> consumer) {
		jdbc.query(con -> {
			var statement = con.prepareStatement("SELECT campaign_id, campaign_company, campaign_name, campaign_type, "
					+ "marketing_channel, ad_format, date, device_type, country, audience_segment FROM " + TABLE,
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(5000);
			return statement;
		}, (RowCallbackHandler) rs -> consumer.accept(new RowKey(rs.getLong(1), rs.getString(2), rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8),
				rs.getString(9), rs.getString(10))));
	}

	/** The inputs a reconciliation sums, of one stored row. */
	public record RowInputs(long id, long impressions, long clicks, long conversions, BigDecimal adSpend) {
	}

	/** Every row's inputs, for {@code verify} (streamed, never all in memory). */
	public void forEachInputs(Consumer<RowInputs> consumer) {
		jdbc.query(con -> {
			var statement = con.prepareStatement(
					"SELECT campaign_id, impressions, clicks, conversions, ad_spend FROM " + TABLE,
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(5000);
			return statement;
		}, (RowCallbackHandler) rs -> consumer
			.accept(new RowInputs(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5))));
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
				rs.getLong("conversions"), Money.asEntered(rs.getBigDecimal("ad_spend")), rs.getString("device_type"),
				rs.getString("country"), rs.getString("audience_segment"), Money.asEntered(rs.getBigDecimal("revenue")),
				rs.getString("data_quality"));
		return StoredCampaign.of(rs.getLong("campaign_id"), campaign);
	}

}
