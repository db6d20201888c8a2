package dev.campaignpipe.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.preset.ExportReader;
import dev.campaignpipe.preset.LineKind;
import dev.campaignpipe.preset.PresetRecord;

/**
 * One import of an ad platform's export (SPEC §14): its records validated as the form's
 * are, then found by their natural key among the stored ones — new ones stored, the same
 * numbers left unchanged, restated numbers written over the same record (same
 * campaign_id). Every row ends in a record or in the rejects file, every other line is
 * counted by its kind.
 */
final class PresetRun {

	/** A key already taken by a record of this run. */
	private static final long THIS_RUN = -1;

	private final Path file;

	private final ImportProgress progress;

	private final Rejects rejects;

	private final CampaignValidator validator;

	private final ImportOptions options;

	private final IdIndex contents;

	private final IdIndex keys;

	private final Map<Long, Campaign> restated = new HashMap<>();

	/**
	 * @param contents stored id → content hash
	 * @param keys stored natural key → id
	 */
	PresetRun(Path file, ImportProgress progress, Rejects rejects, CampaignValidator validator, ImportOptions options,
			IdIndex contents, IdIndex keys) {
		this.file = file;
		this.progress = progress;
		this.rejects = rejects;
		this.validator = validator;
		this.options = options;
		this.contents = contents;
		this.keys = keys;
	}

	void importRecords(ExportReader reader, Submissions submissions, CampaignQueue queue)
			throws IOException, InterruptedException {
		rejects.header(reader.layout().header());
		Map<LineKind, Long> lines = reader.read(new ExportReader.RecordSink() {
			@Override
			public void record(PresetRecord record) throws IOException, InterruptedException {
				rejects.rejectRefused(submissions);
				progress.read.addAndGet(record.rows().size());
				take(record, submissions);
			}

			@Override
			public void rejectRow(PresetRecord.SourceRow row, String reason) throws IOException {
				progress.read.incrementAndGet();
				rejects.reject(row.cells(), reason);
			}
		}, Long.MAX_VALUE, progress.bytesRead::addAndGet);
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		lines.forEach((kind, count) -> counts.put(kind.label(), count));
		progress.lines(counts);
		submissions.awaitAll();
		rejects.rejectRefused(submissions);
		if (!restated.isEmpty()) {
			try {
				progress.updated.addAndGet(queue.restate(restated).get(5, TimeUnit.MINUTES));
			}
			catch (TimeoutException ex) {
				throw new IOException(restated.size() + " restated records were not confirmed within 5 minutes", ex);
			}
			catch (ExecutionException ex) {
				throw new IOException(
						restated.size() + " restated records could not be stored: " + ex.getCause().getMessage(),
						ex.getCause());
			}
		}
	}

	private void take(PresetRecord record, Submissions submissions) throws IOException, InterruptedException {
		Validation validation = validator.validate(record.input(), DateInput.ISO);
		Campaign campaign;
		if (validation.isValid()) {
			campaign = validation.campaign();
		}
		else if (options.onInvalid() == ImportOptions.OnInvalid.KEEP_FLAGGED && validation.flagged() != null) {
			campaign = validation.flagged();
		}
		else {
			rejectAll(record, explain(validation, record));
			return;
		}
		long key = RecordKeys.of(campaign);
		if (!keys.contains(key)) {
			keys.put(key, THIS_RUN);
			List<List<String>> rows = new ArrayList<>(record.rows().size());
			record.rows().forEach(row -> rows.add(row.cells()));
			submissions.submit(campaign, null, rows,
					Source.imported(file.getFileName().toString(), record.rows().get(0).line()));
			return;
		}
		long id = keys.hash(key);
		if (id == THIS_RUN) {
			rejectAll(record,
					"rows of one record lie too far apart in the file (more than "
							+ "20,000 other records between them); its first rows are stored: sort the export by day "
							+ "and import it again, which sums them and restates the record");
			return;
		}
		keys.put(key, THIS_RUN);
		if (contents.contains(id) && contents.hash(id) == IdIndex.hashOf(campaign)) {
			progress.duplicates.incrementAndGet(); // the same numbers: unchanged
			return;
		}
		restated.put(id, campaign);
	}

	/**
	 * The validator's message, and for a value outside a closed set the setting that adds
	 * it.
	 */
	private String explain(Validation validation, PresetRecord record) {
		StringBuilder reason = new StringBuilder(validation.summary());
		for (CampaignField field : validation.errors().keySet()) {
			if (isCategory(field)) {
				String value = record.input().get(field);
				reason.append("; to take '")
					.append(value)
					.append("' add it to pipeline.categories.")
					.append(field.key().replace('_', '-'))
					.append(".aliases (or a rule in pipeline.presets.")
					.append(options.preset().equals("auto") ? "NAME" : options.preset())
					.append(".fields.")
					.append(field.key().replace('_', '-'))
					.append(")");
			}
		}
		return reason.toString();
	}

	private static boolean isCategory(CampaignField field) {
		return switch (field) {
			case CAMPAIGN_TYPE, MARKETING_CHANNEL, AD_FORMAT, DEVICE_TYPE, COUNTRY, AUDIENCE_SEGMENT -> true;
			default -> false;
		};
	}

	private void rejectAll(PresetRecord record, String reason) throws IOException {
		for (PresetRecord.SourceRow row : record.rows()) {
			rejects.reject(row.cells(), reason);
		}
	}

}
