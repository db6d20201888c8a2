package dev.campaignpipe.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvTail;
import dev.campaignpipe.csvfile.FileFingerprint;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.csvfile.QuarantinedLine;
import dev.campaignpipe.csvfile.RowReader;
import dev.campaignpipe.csvfile.SyncedRow;

/**
 * Loads one chunk of the CSV: converts its lines, has {@link SyncDecisions} decide per
 * campaign_id (insert, skip, update, quarantine) and writes rows, quarantine and
 * checkpoint in one transaction.
 */
@Component
class SyncBatch {

	/** What one committed batch did. */
	record Outcome(Checkpoint checkpoint, int rows, long quarantineCount, List<StoredCampaign> inserted,
			List<StoredCampaign> updated) {
	}

	private static final int MAX_CHUNK_BYTES = 8 * 1024 * 1024;

	private final CampaignTable table;

	private final QuarantineTable quarantine;

	private final CheckpointStore checkpoints;

	private final LogPositionStore logPosition;

	private final TransactionTemplate transactions;

	private final LineConverter converter;

	SyncBatch(CampaignTable table, QuarantineTable quarantine, CheckpointStore checkpoints,
			LogPositionStore logPosition, PlatformTransactionManager transactionManager, LineConverter converter) {
		this.table = table;
		this.quarantine = quarantine;
		this.checkpoints = checkpoints;
		this.logPosition = logPosition;
		this.transactions = new TransactionTemplate(transactionManager);
		this.converter = converter;
	}

	/** The open quarantined lines as last counted, less those resolved since. */
	long openQuarantine() {
		return quarantine.open();
	}

	/** Where the database stands: its checkpoint and quarantine (no rows written). */
	Outcome stored() {
		return new Outcome(checkpoints.load(), 0, quarantine.count(), List.of(), List.of());
	}

	/** A chunk read and converted, ready to commit. */
	record Prepared(Checkpoint from, Checkpoint next, List<SyncedRow> rows, List<QuarantinedLine> quarantine) {
	}

	/**
	 * Reads and converts the complete lines after {@code from}: the CPU-heavy half of a
	 * batch, kept out of the transaction so the next chunk can be prepared while this one
	 * commits.
	 * @return {@code null} when there is no complete line past the checkpoint yet
	 */
	Prepared prepare(Path csv, Checkpoint from, String fileKey, int maxLines) throws IOException {
		CsvTail.Header header = CsvTail.header(csv);
		if (header == null) {
			return null;
		}
		RowReader reader = header.reader();
		CsvTail.Chunk chunk = from.offset() == 0
				? CsvTail.read(csv, header.dataOffset(), header.dataLine(), maxLines, MAX_CHUNK_BYTES)
				: CsvTail.read(csv, from.offset(), from.lineNumber(), maxLines, MAX_CHUNK_BYTES);
		if (chunk.endOffset() == from.offset()) {
			return null;
		}
		List<SyncedRow> rows = new ArrayList<>();
		List<QuarantinedLine> quarantine = new ArrayList<>();
		// Converting (parse, validate, KPIs, hash) is the CPU-heavy part of a catch-up:
		// use every core.
		List<LineConverter.Result> results = chunk.lines()
			.parallelStream()
			.map(line -> converter.convert(reader, line))
			.toList();
		for (LineConverter.Result result : results) {
			if (result != null && result.row() != null) {
				rows.add(result.row());
			}
			else if (result != null) {
				quarantine.add(result.quarantined());
			}
		}
		long end = chunk.endOffset();
		Checkpoint next = new Checkpoint(fileKey, FileFingerprint.head(csv, end), FileFingerprint.tail(csv, end),
				from.generation(), end, chunk.endLine());
		return new Prepared(from, next, rows, quarantine);
	}

	/**
	 * Writes a prepared chunk and its checkpoint in one transaction, if the database
	 * still holds {@code stored}, the checkpoint this sync last committed or read.
	 * @throws CheckpointMovedException if it does not (nothing is written)
	 * @throws IllegalStateException if a log sink feeds this database (nothing is
	 * written)
	 */
	Outcome commit(Prepared prepared, boolean newReading, Checkpoint stored) {
		return transactions.execute(tx -> {
			logPosition.refuseCsvRows();
			if (newReading) {
				quarantine.dropBefore(prepared.from().generation());
			}
			SyncDecisions.Plan plan = write(prepared);
			checkpoints.move(stored, prepared.next());
			return new Outcome(prepared.next(), plan.written(), quarantine.count(), plan.inserted(), plan.updated());
		});
	}

	private SyncDecisions.Plan write(Prepared prepared) {
		long generation = prepared.from().generation();
		List<SyncedRow> rows = prepared.rows();
		Map<Long, MirroredRow> existing = table.existing(rows.stream().map(r -> r.stored().id()).toList());
		SyncDecisions.Plan plan = SyncDecisions.plan(rows, prepared.quarantine(), existing, generation);
		table.insert(plan.inserts(), generation);
		table.update(plan.updates(), generation);
		table.touch(plan.touches(), generation);
		quarantine.add(plan.quarantine(), generation);
		return plan;
	}

}
