package dev.campaignpipe.entry;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.Receipt;
import dev.campaignpipe.csvfile.RowReader;
import dev.campaignpipe.sync.QuarantineTable;
import dev.campaignpipe.sync.QuarantineTable.Entry;
import dev.campaignpipe.sync.QuarantineTable.Resolution;
import dev.campaignpipe.sync.QuarantineTable.Status;

import org.springframework.stereotype.Service;

/**
 * Repairs a quarantined CSV line (SPEC §13): fixed, it is saved as a new record through
 * the pipeline like any entry and the line is marked resolved with the record's id;
 * dismissed, it is resolved without one. A line is resolved once: two people fixing the
 * same line at the same moment get one record, and the second is told it is resolved.
 */
@Service
class Repairs {

	private final QuarantineTable quarantine;

	private final CampaignValidator validator;

	private final CampaignQueue queue;

	private final PipelineProperties properties;

	/** Lines being fixed right now, claimed before their record is submitted. */
	private final Set<Long> fixing = ConcurrentHashMap.newKeySet();

	Repairs(QuarantineTable quarantine, CampaignValidator validator, CampaignQueue queue,
			PipelineProperties properties) {
		this.quarantine = quarantine;
		this.validator = validator;
		this.queue = queue;
		this.properties = properties;
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

		/** Resolved already (or being fixed by someone else this moment). */
		record AlreadyResolved(Entry entry) implements Outcome {
		}

		record NotFound() implements Outcome {
		}

	}

	/**
	 * Saves {@code input} as a new record and resolves the line with it.
	 * @throws dev.campaignpipe.csv.PipelineUnavailableException when the pipeline cannot
	 * take the record now (the line stays open)
	 */
	Outcome fix(long id, CampaignInput input) {
		Entry entry = quarantine.find(id).orElse(null);
		if (entry == null) {
			return new Outcome.NotFound();
		}
		if (entry.status() == Status.RESOLVED) {
			return new Outcome.AlreadyResolved(entry);
		}
		Validation validation = validator.validate(input, DateInput.ISO);
		if (!validation.isValid()) {
			return new Outcome.Invalid(validation.errorsByKey());
		}
		if (!fixing.add(id)) {
			return new Outcome.AlreadyResolved(entry);
		}
		try {
			Entry now = quarantine.find(id).orElseThrow();
			if (now.status() == Status.RESOLVED) { // resolved while this one validated
				return new Outcome.AlreadyResolved(now);
			}
			Receipt receipt = queue.submit(validation.campaign());
			quarantine.resolve(id, Resolution.FIXED, receipt.stored().id());
			return new Outcome.Saved(receipt);
		}
		finally {
			fixing.remove(id);
		}
	}

	Outcome dismiss(long id) {
		Entry entry = quarantine.find(id).orElse(null);
		if (entry == null) {
			return new Outcome.NotFound();
		}
		if (fixing.contains(id) || !quarantine.resolve(id, Resolution.DISMISSED, null)) {
			return new Outcome.AlreadyResolved(quarantine.find(id).orElse(entry));
		}
		return new Outcome.Dismissed(quarantine.find(id).orElseThrow());
	}

	/**
	 * What could be read from the line, field by field, to start the fix from; empty
	 * where the line (or the file's header) cannot be read.
	 */
	CampaignInput readLine(Entry entry) {
		try {
			return header().read(entry.raw()).input();
		}
		catch (IOException | RuntimeException ex) {
			return CampaignInput.builder().build(); // a line that is not CSV: the form
													// starts empty
		}
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
