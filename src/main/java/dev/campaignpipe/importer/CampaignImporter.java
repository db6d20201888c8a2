package dev.campaignpipe.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.IdTakenException;
import dev.campaignpipe.csvfile.CsvRecords;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.csvfile.RowReader;
import dev.campaignpipe.sync.CampaignTable;
import dev.campaignpipe.sync.SyncWorker;

import org.springframework.stereotype.Service;

/**
 * Bulk import (SPEC §9): streams a CSV — the original tool's or this product's — through
 * the same validation, normalization, KPIs and queue as the form, so imported rows reach
 * the CSV, the database and the export like any other. Every input row ends as stored,
 * skipped as a duplicate, or rejected with its reason; memory does not grow with the
 * file.
 */
@Service
public class CampaignImporter {

	/**
	 * Records in flight to the writer at once: enough to fill its batches, bounded for
	 * memory.
	 */
	private static final int IN_FLIGHT = 4096;

	private final CampaignQueue queue;

	private final CampaignValidator validator;

	private final CampaignTable table;

	private final SyncWorker sync;

	private final DateInput dates;

	private final Path csv;

	private final LineConverter converter;

	public CampaignImporter(CampaignQueue queue, CampaignValidator validator, LineConverter converter,
			CampaignTable table, SyncWorker sync, PipelineProperties properties) {
		this.queue = queue;
		this.validator = validator;
		this.table = table;
		this.sync = sync;
		this.dates = converter.dates();
		this.csv = properties.csvPath();
		this.converter = converter;
	}

	public ImportProgress start(Path file) throws IOException {
		return new ImportProgress(Files.size(file));
	}

	/**
	 * Runs the import to its end; {@code progress} (from {@link #start(Path)}) can be
	 * watched meanwhile.
	 */
	public ImportSummary run(Path file, ImportOptions options, ImportProgress progress) {
		Rejects rejects = new Rejects(file);
		String failure = null;
		try {
			IdIndex taken = existingIds();
			long verifiedUpTo = queue.lastId();
			importRows(file, options, progress, taken, verifiedUpTo, rejects);
		}
		catch (IOException | RuntimeException ex) {
			failure = ex.getMessage() == null ? ex.toString() : ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure = "interrupted";
		}
		finally {
			try {
				rejects.close();
			}
			catch (IOException ex) {
				failure = failure == null ? "could not write the rejects file: " + ex.getMessage() : failure;
			}
		}
		progress.finish(rejects.path(), failure);
		return progress.snapshot();
	}

	/**
	 * Ids already stored, with their content hash: from the database once it has caught
	 * up with the CSV, or — with the mirror switched off — from the CSV itself.
	 */
	private IdIndex existingIds() throws InterruptedException, IOException {
		IdIndex index = new IdIndex();
		if (!sync.status().enabled()) {
			CsvRecords.forEach(csv, converter,
					record -> index.put(record.id(), IdIndex.hash64(LineConverter.contentHash(record.campaign()))));
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

	private void importRows(Path file, ImportOptions options, ImportProgress progress, IdIndex taken, long verifiedUpTo,
			Rejects rejects) throws IOException, InterruptedException {
		Semaphore window = new Semaphore(IN_FLIGHT);
		ConcurrentLinkedQueue<Failed> failures = new ConcurrentLinkedQueue<>();
		try (InputStream in = new Counting(Files.newInputStream(file), progress);
				CsvReader<CsvRecord> reader = CsvReader.builder()
					.detectBomHeader(true)
					.missingFieldStrategy(FieldMismatchStrategy.IGNORE)
					.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
					.skipEmptyLines(true)
					.ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			RowReader rows = null;
			for (CsvRecord record : reader) {
				if (rows == null) {
					rows = RowReader.fromHeaderFields(record.getFields());
					rejects.header(record.getFields());
					continue;
				}
				rejectFailures(failures, rejects, progress);
				progress.read.incrementAndGet();
				importRow(record.getFields(), rows, options, progress, taken, verifiedUpTo, rejects, window, failures);
			}
			if (rows == null) {
				throw new IllegalArgumentException(file + " is empty: no header line");
			}
		}
		window.acquire(IN_FLIGHT); // every record in flight has its outcome
		window.release(IN_FLIGHT);
		rejectFailures(failures, rejects, progress);
	}

	private void importRow(List<String> fields, RowReader rows, ImportOptions options, ImportProgress progress,
			IdIndex taken, long verifiedUpTo, Rejects rejects, Semaphore window, ConcurrentLinkedQueue<Failed> failures)
			throws IOException, InterruptedException {
		RowReader.Fields row = rows.read(fields);
		String idText = row.campaignId() == null ? "" : row.campaignId().strip();
		if (!idText.isEmpty() && !CampaignValidator.isDigits(idText, 18)) {
			reject(rejects, progress, fields, "campaign_id must be a whole number (got '" + idText + "')");
			return;
		}
		Validation validation = validator.validate(row.input(), dates);
		Campaign campaign;
		if (validation.isValid()) {
			campaign = validation.campaign().withDataQuality(row.dataQuality());
		}
		else if (options.onInvalid() == ImportOptions.OnInvalid.KEEP_FLAGGED && validation.flagged() != null) {
			campaign = validation.flagged();
		}
		else {
			reject(rejects, progress, fields, validation.summary());
			return;
		}
		Long id = idText.isEmpty() ? null : Long.parseLong(idText);
		if (id != null && taken.contains(id)) {
			long existing = taken.hash(id);
			if (existing == IdIndex.hash64(LineConverter.contentHash(campaign))) {
				progress.duplicates.incrementAndGet(); // this very record is already
														// stored
				return;
			}
			if (options.takenId() == ImportOptions.TakenId.REJECT) {
				reject(rejects, progress, fields, "campaign_id " + id + " is already used by a different record "
						+ "(import with --reassign-ids to store it under a new id)");
				return;
			}
			id = null;
		}
		if (id != null) {
			taken.put(id, IdIndex.hash64(LineConverter.contentHash(campaign))); // a
																				// repeat
																				// later
																				// in this
																				// file is
																				// a
																				// duplicate
		}
		submit(campaign, id, fields, progress, verifiedUpTo, window, failures);
	}

	private void submit(Campaign campaign, Long id, List<String> fields, ImportProgress progress, long verifiedUpTo,
			Semaphore window, ConcurrentLinkedQueue<Failed> failures) throws InterruptedException {
		window.acquire();
		queue.submitAsync(campaign, id, verifiedUpTo).whenComplete((receipt, error) -> {
			if (error == null) {
				progress.stored.incrementAndGet();
				if (!campaign.dataQuality().isEmpty()) {
					progress.flagged.incrementAndGet();
				}
			}
			else {
				failures.add(new Failed(fields, error));
			}
			window.release();
		});
	}

	/**
	 * Writes submissions the writer refused — an id taken meanwhile (by the form), or a
	 * failed write — to the rejects file; only the importing thread writes that file.
	 */
	private void rejectFailures(ConcurrentLinkedQueue<Failed> failures, Rejects rejects, ImportProgress progress)
			throws IOException {
		Failed failed;
		while ((failed = failures.poll()) != null) {
			Throwable cause = failed.error() instanceof java.util.concurrent.CompletionException
					? failed.error().getCause() : failed.error();
			if (cause instanceof IdTakenException) {
				reject(rejects, progress, failed.fields(), cause.getMessage() + " (taken while importing)");
			}
			else {
				reject(rejects, progress, failed.fields(), "not stored: " + cause.getMessage());
			}
		}
	}

	private static void reject(Rejects rejects, ImportProgress progress, List<String> fields, String reason)
			throws IOException {
		rejects.write(fields, reason);
		progress.rejected.incrementAndGet();
	}

	private record Failed(List<String> fields, Throwable error) {
	}

	/** Counts bytes as the parser reads them, for progress. */
	private static final class Counting extends FilterInputStream {

		private final ImportProgress progress;

		Counting(InputStream in, ImportProgress progress) {
			super(in);
			this.progress = progress;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				progress.bytesRead.addAndGet(n);
			}
			return n;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				progress.bytesRead.incrementAndGet();
			}
			return b;
		}

	}

}
