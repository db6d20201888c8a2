package dev.campaignpipe.entry;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.Receipt;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.csvfile.RowReader;
import dev.campaignpipe.importer.RejectedRows;
import dev.campaignpipe.sync.QuarantineTable;
import dev.campaignpipe.sync.QuarantineTable.Entry;
import dev.campaignpipe.sync.QuarantineTable.Resolution;
import dev.campaignpipe.sync.QuarantineTable.Status;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Repairs a quarantined CSV line or an import's rejected row (SPEC §13): fixed, it is
 * saved as a new record through the pipeline like any entry and marked resolved with the
 * record's id; a quarantined line can also be dismissed, resolved without one. Each is
 * resolved once: two people fixing the same line at the same moment get one record, and
 * the second is told it is resolved.
 */
@Service
class Repairs {

	private static final Logger log = LoggerFactory.getLogger(Repairs.class);

	private final QuarantineTable quarantine;

	private final RejectedRows rejected;

	private final CampaignValidator validator;

	private final CampaignQueue queue;

	private final PipelineProperties properties;

	/** How the sync reads the CSV's dates, and an import a file's: the same rules. */
	private final DateInput dates;

	/** Lines and rows being fixed right now, claimed before their record is submitted. */
	private final Set<String> fixing = ConcurrentHashMap.newKeySet();

	Repairs(QuarantineTable quarantine, RejectedRows rejected, CampaignValidator validator, CampaignQueue queue,
			PipelineProperties properties) {
		this.quarantine = quarantine;
		this.rejected = rejected;
		this.validator = validator;
		this.queue = queue;
		this.properties = properties;
		this.dates = properties.sync().ambiguousDates().csvDates();
	}

	/** What became of a repair. */
	sealed interface Outcome {

		/** Saved as a new record; the line is resolved with its id. */
		record Saved(Receipt receipt) implements Outcome {
		}

		/** Dismissed: resolved without a record. */
		record Dismissed(Entry entry) implements Outcome {
		}

		/** The fix breaks a rule: one message per field; the line stays open. */
		record Invalid(Map<String, String> errors) implements Outcome {
		}

		/** Resolved already (or being fixed by someone else this moment): says how. */
		record AlreadyResolved(String message) implements Outcome {
		}

		record NotFound() implements Outcome {
		}

	}

	/**
	 * Saves {@code input} as a new record and resolves the line with it.
	 * @throws dev.campaignpipe.csv.PipelineUnavailableException when the pipeline cannot
	 * take the record now (the line stays open)
	 */
	Outcome fix(long id, CampaignInput input, Source source) {
		Entry entry = quarantine.find(id).orElse(null);
		if (entry == null) {
			return new Outcome.NotFound();
		}
		if (entry.status() == Status.RESOLVED) {
			return new Outcome.AlreadyResolved(QuarantineViews.alreadyResolved(entry));
		}
		return save("quarantine:" + id, input, source,
				() -> quarantine.find(id)
					.filter(now -> now.status() == Status.RESOLVED)
					.map(QuarantineViews::alreadyResolved)
					.orElse(null),
				receipt -> quarantine.resolve(id, Resolution.FIXED, receipt.stored().id()));
	}

	/**
	 * Saves {@code input} as a new record for an import's rejected row and marks the row
	 * fixed with it.
	 * @throws dev.campaignpipe.csv.PipelineUnavailableException when the pipeline cannot
	 * take the record now (the row stays open)
	 */
	Outcome fixRejected(long jobId, int number, CampaignInput input, Source source) {
		RejectedRows.Row row = rejected.find(jobId, number).orElse(null);
		if (row == null) {
			return new Outcome.NotFound();
		}
		if (row.campaignId() != null) {
			return new Outcome.AlreadyResolved(alreadyFixed(row));
		}
		return save("import:" + jobId + ":" + number, input, source,
				() -> rejected.find(jobId, number)
					.filter(now -> now.campaignId() != null)
					.map(Repairs::alreadyFixed)
					.orElse(null),
				receipt -> rejected.resolve(jobId, number, receipt.stored().id()));
	}

	static String alreadyFixed(RejectedRows.Row row) {
		return "Rejected row " + row.number() + " is fixed already: it became campaign " + row.campaignId()
				+ ". Nothing was changed.";
	}

	/**
	 * Validates, claims the line so no one else saves it meanwhile, checks it is still
	 * open, submits the record, and marks the line with it.
	 * @param resolvedAlready how the line was resolved, or {@code null} while it is open
	 */
	private Outcome save(String line, CampaignInput input, Source source, Supplier<String> resolvedAlready,
			Consumer<Receipt> markResolved) {
		Validation validation = validator.validate(input, DateInput.ISO);
		if (!validation.isValid()) {
			return new Outcome.Invalid(validation.errorsByKey());
		}
		if (!fixing.add(line)) {
			return new Outcome.AlreadyResolved(
					"It is being fixed by another request this moment. Nothing was changed.");
		}
		try {
			String done = resolvedAlready.get();
			if (done != null) { // resolved while this one validated
				return new Outcome.AlreadyResolved(done);
			}
			Receipt receipt = queue.submit(validation.campaign(), source);
			try {
				markResolved.accept(receipt);
			}
			catch (RuntimeException ex) {
				// the record is saved and must be answered as saved; the line stays open,
				// and the log says which record it became
				log.warn("{} became campaign {}, but could not be marked resolved: {}", line, receipt.stored().id(),
						ex.toString());
			}
			return new Outcome.Saved(receipt);
		}
		finally {
			fixing.remove(line);
		}
	}

	Outcome dismiss(long id) {
		Entry entry = quarantine.find(id).orElse(null);
		if (entry == null) {
			return new Outcome.NotFound();
		}
		String line = "quarantine:" + id;
		if (!fixing.add(line)) { // a fix is saving its record: the line is not dismissed
									// under it
			return new Outcome.AlreadyResolved(QuarantineViews.alreadyResolved(entry));
		}
		try {
			if (!quarantine.resolve(id, Resolution.DISMISSED, null)) {
				return new Outcome.AlreadyResolved(QuarantineViews.alreadyResolved(quarantine.find(id).orElse(entry)));
			}
			return new Outcome.Dismissed(quarantine.find(id).orElseThrow());
		}
		finally {
			fixing.remove(line);
		}
	}

	/**
	 * What could be read from the line, field by field, to start the fix from; empty
	 * where the line (or the file's header) cannot be read.
	 */
	CampaignInput readLine(Entry entry) {
		try {
			return asIso(header().read(entry.raw()).input(), dates);
		}
		catch (IOException | RuntimeException ex) {
			return CampaignInput.builder().build(); // a line that is not CSV: the form
													// starts empty
		}
	}

	/** What could be read from a rejected row, field by field, to start its fix from. */
	CampaignInput readRow(RejectedRows.Row row) {
		try {
			return asIso(RowReader.fromHeaderFields(row.header()).read(row.fields()).input(), dates);
		}
		catch (RuntimeException ex) {
			return CampaignInput.builder().build(); // columns the form cannot place: it
													// starts empty
		}
	}

	/**
	 * The line's date as the form writes it (ISO), where the file's own date format reads
	 * it; as it was otherwise, for its rule to say what is wrong with it.
	 */
	private static CampaignInput asIso(CampaignInput read, DateInput dates) {
		String date = read.get(CampaignField.DATE);
		return date == null ? read : dates.parse(date.strip()).map(day -> withDate(read, day.toString())).orElse(read);
	}

	private static CampaignInput withDate(CampaignInput read, String iso) {
		CampaignInput.Builder copy = CampaignInput.builder();
		for (CampaignField field : CampaignField.values()) {
			copy.set(field, field == CampaignField.DATE ? iso : read.get(field));
		}
		return copy.build();
	}

	/** The rules the line's values break as the form checks them (dates as ISO). */
	Map<String, String> problems(CampaignInput read) {
		Validation validation = validator.validate(read, DateInput.ISO);
		return validation.isValid() ? Map.of() : validation.errorsByKey();
	}

	/** The values as the form shows them, by field key. */
	static Map<String, String> formValues(CampaignInput input) {
		Map<String, String> values = new LinkedHashMap<>();
		for (CampaignField field : CampaignField.values()) {
			String value = input.get(field);
			values.put(field.key(), value == null ? "" : value.strip());
		}
		return values;
	}

	private RowReader header() throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(properties.csvPath(), StandardCharsets.UTF_8)) {
			String line = reader.readLine();
			if (line == null) {
				throw new IOException("the CSV has no header");
			}
			return RowReader.fromHeader(line);
		}
	}

}
