package dev.campaignpipe.status;

import java.time.Instant;
import java.util.List;

import dev.campaignpipe.cluster.EntryStatus;
import dev.campaignpipe.cluster.SinkStatus;
import dev.campaignpipe.csv.WriterStatus;
import dev.campaignpipe.powerbi.ExportStatus;
import dev.campaignpipe.sync.SyncStatus;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code GET /api/pipeline/status} and the status page's model: each stage's
 * state, in snake_case on the wire; times as ISO-8601 instants, {@code null} when they
 * never happened.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PipelineStatus(int queueDepth, int spoolSize, Csv csv, Sync sync, PowerBi powerbi, Cluster cluster) {

	/**
	 * @param cluster this node's part in cluster mode; {@code null} on a single machine
	 */
	static PipelineStatus of(WriterStatus w, SyncStatus s, ExportStatus e, Cluster cluster) {
		return new PipelineStatus(w.queueDepth(), w.spoolSize(),
				new Csv(w.csvPath(), w.csvLocked(), w.lockedSince(), w.lastError(), w.refusingSince(), w.lastId()),
				new Sync(s.enabled(), s.bytesBehind(), s.recordsBehind(), s.lastSync(), s.rowsLoaded(), s.quarantined(),
						s.generation(), s.lastError()),
				new PowerBi(e.enabled(), e.folder(), e.file(), e.lastExport(), e.lastExportRows(), e.lastError(),
						e.failingSince()),
				cluster);
	}

	/**
	 * Cluster mode (SPEC §15): whether the log takes this node's submissions (every node
	 * takes entries) and where this node's sinks are in it.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Cluster(EntryStatus entry, List<SinkStatus> sinks) {
	}

	/** Stage 3: the queue's file. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Csv(String path, boolean locked, Instant lockedSince, String lastError, Instant refusingSince,
			long lastCampaignId) {
	}

	/** Stage 4: the database mirror. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Sync(boolean enabled, long bytesBehind, long recordsBehind, Instant lastSync, long rowsLoaded,
			long quarantineCount, long csvGeneration, String lastError) {
	}

	/** Stage 5: the Power BI export. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record PowerBi(boolean enabled, String folder, String file, Instant lastExport, long lastExportRecords,
			String lastError, Instant failingSince) {
	}

}
