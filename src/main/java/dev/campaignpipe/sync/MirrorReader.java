package dev.campaignpipe.sync;

import java.sql.ResultSet;
import java.util.function.BiConsumer;

import dev.campaignpipe.campaign.Campaign;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Reads the whole mirror for a copy kept elsewhere (the analytics replica): its position
 * and every record, streamed. Copies follow it afterwards through {@link MirrorChanged}.
 */
@Component
public class MirrorReader {

	private final JdbcTemplate jdbc;

	private final CheckpointStore checkpoints;

	MirrorReader(JdbcTemplate jdbc, CheckpointStore checkpoints) {
		this.jdbc = jdbc;
		this.checkpoints = checkpoints;
	}

	/** Where the mirror stands now (committed). */
	public MirrorPosition position() {
		return MirrorPosition.of(checkpoints.load());
	}

	public long count() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + CampaignTable.TABLE, Long.class);
	}

	/**
	 * Every record of the mirror with its id, in no particular order, never all in
	 * memory. Read from {@link #position()} on or later: a row may be newer than it,
	 * never older.
	 */
	public void forEachRecord(BiConsumer<Long, Campaign> consumer) {
		jdbc.query(con -> {
			var statement = con.prepareStatement("SELECT " + CampaignTable.COLUMNS + " FROM " + CampaignTable.TABLE,
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(5000);
			return statement;
		}, (RowCallbackHandler) rs -> consumer.accept(rs.getLong("campaign_id"), CampaignTable.campaign(rs)));
	}

}
