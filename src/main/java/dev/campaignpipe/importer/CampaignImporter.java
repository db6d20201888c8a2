package dev.campaignpipe.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.preset.ExportLayout;
import dev.campaignpipe.preset.ExportReader;
import dev.campaignpipe.preset.PresetRecord;
import dev.campaignpipe.preset.PresetCatalog;
import dev.campaignpipe.preset.UnreadableExportException;
import dev.campaignpipe.preset.WorkbookLimits;

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

	/** Data rows a preview reads: enough for its records, whatever a breakdown sums. */
	private static final long PREVIEW_ROWS = 2_000;

	private final CampaignQueue queue;

	private final CampaignValidator validator;

	private final DateInput dates;

	private final ExistingIds existingIds;

	private final Categories categories;

	private final PresetCatalog presets;

	private final WorkbookLimits workbooks;

	CampaignImporter(CampaignQueue queue, CampaignValidator validator, LineConverter converter, ExistingIds existingIds,
			Categories categories, PipelineProperties properties) {
		this.queue = queue;
		this.validator = validator;
		this.dates = converter.dates();
		this.existingIds = existingIds;
		this.categories = categories;
		this.presets = new PresetCatalog(properties.presets());
		this.workbooks = properties.workbooks();
	}

	/** The presets {@code --preset} takes. */
	public PresetCatalog presets() {
		return presets;
	}

	/**
	 * Reads a file's header and, for an ad platform's export, surveys it: what an import
	 * would do, before it does anything.
	 * @throws UnreadableExportException when the file is no export a preset reads
	 */
	public ExportReader open(Path file, ImportOptions options) throws IOException {
		if (!presets.knows(options.preset())) {
			throw new UnreadableExportException("--preset must be one of " + String.join(", ", presets.names())
					+ " (got '" + options.preset() + "')");
		}
		return ExportReader.open(file, presets, categories, options.preset(), options.defaults(), workbooks);
	}

	public ImportProgress start(Path file) throws IOException {
		return new ImportProgress(Files.size(file));
	}

	/**
	 * What importing {@code file} would do; writes nothing (SPEC §14: {@code --dry-run},
	 * the upload page's preview).
	 * @throws UnreadableExportException when the file is no export a preset reads
	 */
	public ImportPreview preview(Path file, ImportOptions options) throws IOException, InterruptedException {
		ExportReader export = open(file, options);
		ExportLayout layout = export.layout();
		if (layout.isOwnFormat()) {
			return new ImportPreview(layout.preset(), layout.label(), export.reading(), Map.of(), List.of(), List.of(),
					List.of(), 0);
		}
		Map<String, String> mapping = new LinkedHashMap<>();
		export.mapping().forEach((field, source) -> mapping.put(field.key(), source));
		List<ImportPreview.Row> records = new ArrayList<>();
		long[] rows = { 0 };
		export.read(new ExportReader.RecordSink() {
			@Override
			public void record(PresetRecord record) {
				rows[0] += record.rows().size();
				if (records.size() < ImportPreview.RECORDS) {
					records.add(previewRow(record));
				}
			}

			@Override
			public void rejectRow(PresetRecord.SourceRow row, String reason) {
				rows[0]++;
				if (records.size() < ImportPreview.RECORDS) {
					records.add(new ImportPreview.Row(Map.of("line", Long.toString(row.line())), reason, 1));
				}
			}
		}, PREVIEW_ROWS, null);
		return new ImportPreview(layout.preset(), layout.label(), export.reading(), mapping, layout.unmappedColumns(),
				export.stops(), records, rows[0]);
	}

	private ImportPreview.Row previewRow(PresetRecord record) {
		Validation validation = validator.validate(record.input(), DateInput.ISO);
		Map<String, String> values = new LinkedHashMap<>();
		for (CampaignField field : CampaignField.values()) {
			String value = record.input().get(field);
			values.put(field.key(), value == null ? "" : value);
		}
		if (validation.isValid()) {
			Campaign c = validation.campaign();
			values.put(CampaignField.CAMPAIGN_TYPE.key(), c.type());
			values.put(CampaignField.MARKETING_CHANNEL.key(), c.channel());
			values.put(CampaignField.AD_FORMAT.key(), c.adFormat());
			values.put(CampaignField.DEVICE_TYPE.key(), c.deviceType());
			values.put(CampaignField.COUNTRY.key(), c.country());
			values.put(CampaignField.AUDIENCE_SEGMENT.key(), c.audienceSegment());
		}
		return new ImportPreview.Row(values, validation.isValid() ? null : validation.summary(), record.rows().size());
	}

	/**
	 * Runs the import to its end; {@code progress} (from {@link #start(Path)}) can be
	 * watched meanwhile.
	 */
	public ImportSummary run(Path file, ImportOptions options, ImportProgress progress) {
		ExportReader export;
		try {
			export = open(file, options);
		}
		catch (IOException | RuntimeException ex) {
			progress.finish(null, ex.getMessage() == null ? ex.toString() : ex.getMessage());
			return progress.snapshot();
		}
		progress.preset(export.layout().preset());
		if (!export.layout().isOwnFormat()) {
			return runPreset(file, export, options, progress);
		}
		Rejects rejects = new Rejects(file, progress);
		return complete(rejects, progress, () -> {
			IdIndex taken = existingIds.load();
			long verifiedUpTo = queue.lastId();
			new ImportRun(file, progress, rejects).importRows(new RowDecider(validator, dates, options, taken),
					new Submissions(queue, verifiedUpTo, progress));
		});
	}

	/** One import's work, which may fail. */
	@FunctionalInterface
	private interface Work {

		void run() throws IOException, InterruptedException;

	}

	/**
	 * Runs an import's work, then closes its rejects file and records how it ended: every
	 * failure becomes the summary's reason, never an exception.
	 */
	private static ImportSummary complete(Rejects rejects, ImportProgress progress, Work work) {
		String failure = null;
		try {
			work.run();
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
	 * An ad platform's export: stopped before anything is stored when it cannot be read.
	 */
	private ImportSummary runPreset(Path file, ExportReader export, ImportOptions options, ImportProgress progress) {
		if (!export.stops().isEmpty()) {
			progress.finish(null, String.join("; ", export.stops()));
			return progress.snapshot();
		}
		Rejects rejects = new Rejects(file, progress);
		return complete(rejects, progress, () -> {
			IdIndex contents = existingIds.load();
			IdIndex keys = existingIds.loadKeys();
			new PresetRun(file, progress, rejects, validator, options, contents, keys).importRecords(export,
					new Submissions(queue, queue.lastId(), progress), queue);
		});
	}

}
