package dev.campaignpipe.status;

import dev.campaignpipe.campaign.StoredCampaign;

/** Where one record is in the pipeline (SPEC §10, {@code GET /api/campaigns/{id}}). */
public record Whereabouts(StoredCampaign stored, boolean inCsv, boolean inSpool, InDatabase inDatabase) {

	/** Whether the mirror holds the record, as far as it could be asked. */
	public enum InDatabase {

		YES, NOT_YET,
		/** The database could not be asked (it is down). */
		UNKNOWN;

		/** {@code true}, {@code false} or {@code null}: the API's JSON for it. */
		public Boolean asJson() {
			return this == UNKNOWN ? null : this == YES;
		}

	}

}
