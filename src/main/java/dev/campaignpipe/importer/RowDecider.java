package dev.campaignpipe.importer;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.csvfile.RowReader;

/**
 * Decides, row by row, what one import does with each input row: the same validation as
 * the form, the run's options, and the ids already taken — including those this run has
 * let through, so a repeat later in the same file is a duplicate.
 */
final class RowDecider {

	private final CampaignValidator validator;

	private final DateInput dates;

	private final ImportOptions options;

	private final IdIndex taken;

	RowDecider(CampaignValidator validator, DateInput dates, ImportOptions options, IdIndex taken) {
		this.validator = validator;
		this.dates = dates;
		this.options = options;
		this.taken = taken;
	}

	RowDecision decide(RowReader.Fields row) {
		String idText = row.campaignId() == null ? "" : row.campaignId().strip();
		if (!idText.isEmpty() && !CampaignValidator.isDigits(idText, 18)) {
			return RowDecision.reject("campaign_id must be a whole number (got '" + idText + "')");
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
			return RowDecision.reject(validation.summary());
		}
		return decideId(campaign, idText.isEmpty() ? null : Long.parseLong(idText));
	}

	/** For a record that may be stored: which id, or whether it is already stored. */
	private RowDecision decideId(Campaign campaign, Long requested) {
		Long id = requested;
		if (id != null && taken.contains(id)) {
			if (taken.hash(id) == IdIndex.hashOf(campaign)) {
				return RowDecision.duplicate(); // this very record is already stored
			}
			if (options.takenId() == ImportOptions.TakenId.REJECT) {
				return RowDecision.reject("campaign_id " + id + " is already used by a different record "
						+ "(import with --reassign-ids to store it under a new id)");
			}
			id = null;
		}
		if (id != null) {
			taken.put(id, IdIndex.hashOf(campaign)); // a repeat later in this file is a
														// duplicate
		}
		return RowDecision.store(campaign, id);
	}

}
