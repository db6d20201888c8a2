package dev.campaignpipe.importer;

import dev.campaignpipe.campaign.Campaign;

/**
 * What becomes of one input row: stored (under its own id, or a new one when {@code id}
 * is {@code null}), skipped as a duplicate, or rejected with a reason.
 *
 * @param campaign the record to store; only with {@link Outcome#STORE}
 * @param id the id to store it under, {@code null} for a new one; only with
 * {@link Outcome#STORE}
 * @param reason why the row is rejected; only with {@link Outcome#REJECT}
 */
record RowDecision(Outcome outcome, Campaign campaign, Long id, String reason) {

	enum Outcome {

		/** Submitted to the queue. */
		STORE,
		/** The very same record is already stored (or earlier in this file). */
		DUPLICATE,
		/** Written with its reason to the rejects file. */
		REJECT

	}

	static RowDecision store(Campaign campaign, Long id) {
		return new RowDecision(Outcome.STORE, campaign, id, null);
	}

	static RowDecision duplicate() {
		return new RowDecision(Outcome.DUPLICATE, null, null, null);
	}

	static RowDecision reject(String reason) {
		return new RowDecision(Outcome.REJECT, null, null, reason);
	}

}
