package dev.campaignpipe.csv;

import dev.campaignpipe.campaign.Campaign;

/**
 * The only way into the pipeline for entry paths (form, API, import). A call returns only once
 * the record is durable — fsync'd in the CSV or in the spool — so an acknowledgement can be
 * trusted across a crash.
 */
public interface CampaignQueue {

	/**
	 * Stores a campaign under a new id.
	 * @throws PipelineUnavailableException when the record could not be made durable in time
	 */
	Receipt submit(Campaign campaign);

}
