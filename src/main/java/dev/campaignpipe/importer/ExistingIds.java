package dev.campaignpipe.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csvfile.RowReader;
import dev.campaignpipe.csvfile.CsvRecords;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.sync.CampaignTable;
import dev.campaignpipe.sync.SyncWorker;

import org.springframework.stereotype.Component;

/**
 * Ids already stored, with their content hash, read once at the start of each import.
 */
@Component
class ExistingIds {

	private final CampaignTable table;

	private final SyncWorker sync;

	private final LineConverter converter;

	private final Path csv;

	/**
	 * Records acknowledged while the CSV was locked wait in its spool: in neither the CSV
	 * nor the database yet, but stored all the same.
	 */
	private final CsvWriterService writer;

	ExistingIds(CampaignTable table, SyncWorker sync, LineConverter converter, PipelineProperties properties,
			CsvWriterService writer) {
		this.table = table;
		this.sync = sync;
		this.converter = converter;
		this.csv = properties.csvPath();
		this.writer = writer;
	}

	/**
	 * Every stored record's natural key ({@link RecordKeys}) → its id, from the same
	 * source as {@link #load()}; call after it.
	 */
	IdIndex loadKeys() throws IOException {
		IdIndex keys = new IdIndex();
		if (!sync.status().enabled()) {
			CsvRecords.forEach(csv, converter, record -> keys.put(RecordKeys.of(record.campaign()), record.id()));
		}
		else {
			table.forEachKey(row -> keys.put(RecordKeys.of(row.company(), row.name(), row.channel(), row.date(),
					row.deviceType(), row.country(), row.audienceSegment()), row.id()));
		}
		forEachSpooled(record -> keys.put(RecordKeys.of(record.campaign()), record.id()));
		return keys;
	}

	/**
	 * From the database once it has caught up with the CSV, or — with the mirror switched
	 * off — from the CSV itself.
	 */
	IdIndex load() throws InterruptedException, IOException {
		IdIndex index = new IdIndex();
		forEachSpooled(record -> index.put(record.id(), IdIndex.hashOf(record.campaign())));
		if (!sync.status().enabled()) {
			CsvRecords.forEach(csv, converter, record -> index.put(record.id(), IdIndex.hashOf(record.campaign())));
			return index;
		}
		if (!sync.awaitCaughtUp(Duration.ofMinutes(10))) {
			throw new IllegalStateException("the database has not caught up with campaigns.csv ("
					+ sync.status().lastError() + "); ids cannot be checked, so nothing was imported");
		}
		table.forEachIdAndHash(
				(id, hash) -> index.put(id, hash == null || hash.isBlank() ? IdIndex.UNKNOWN : IdIndex.hash64(hash)));
		return index;
	}

	private void forEachSpooled(java.util.function.Consumer<StoredCampaign> consumer) throws IOException {
		RowReader own = RowReader.fromHeaderFields(CampaignColumns.ALL);
		for (String line : writer.spooledLines()) {
			converter.record(own, line.strip()).ifPresent(consumer);
		}
	}

}
