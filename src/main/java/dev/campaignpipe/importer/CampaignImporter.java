package dev.campaignpipe.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csvfile.LineConverter;

import org.springframework.stereotype.Service;

/**
 * Bulk import (SPEC §9): streams a CSV — the original tool's or this product's — through
 * the same validation, normalization, KPIs and queue as the form, so imported rows reach
 * the CSV, the database and the export like any other. Every input row ends as stored,
 * skipped as a duplicate, or rejected with its reason; memory does not grow with the
 * file. Each call of {@link #run} is one {@link ImportRun}.
 */
@Service
public class CampaignImporter {

	private final CampaignQueue queue;

	private final CampaignValidator validator;

	private final DateInput dates;

	private final ExistingIds existingIds;

	CampaignImporter(CampaignQueue queue, CampaignValidator validator, LineConverter converter,
			ExistingIds existingIds) {
		this.queue = queue;
		this.validator = validator;
		this.dates = converter.dates();
		this.existingIds = existingIds;
	}

	public ImportProgress start(Path file) throws IOException {
		return new ImportProgress(Files.size(file));
	}

	/**
	 * Runs the import to its end; {@code progress} (from {@link #start(Path)}) can be
	 * watched meanwhile.
	 */
	public ImportSummary run(Path file, ImportOptions options, ImportProgress progress) {
		ImportRun run = new ImportRun(file, progress);
		String failure = null;
		try {
			IdIndex taken = existingIds.load();
			long verifiedUpTo = queue.lastId();
			run.importRows(new RowDecider(validator, dates, options, taken),
					new Submissions(queue, verifiedUpTo, progress));
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
				run.close();
			}
			catch (IOException ex) {
				failure = failure == null ? "could not write the rejects file: " + ex.getMessage() : failure;
			}
		}
		progress.finish(run.rejectsFile(), failure);
		return progress.snapshot();
	}

}
