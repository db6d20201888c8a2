package dev.campaignpipe.campaign;

/**
 * A campaign with the id the pipeline gave it and its KPIs: what the CSV, the database
 * and the API show.
 */
public record StoredCampaign(long id, Campaign campaign, Kpis kpis) {

	public static StoredCampaign of(long id, Campaign campaign) {
		return new StoredCampaign(id, campaign, Kpis.of(campaign));
	}

}
