package dev.campaignpipe.status;

import dev.campaignpipe.campaign.StoredCampaign;

/**
 * Where one record is in the pipeline (SPEC §10, {@code GET /api/campaigns/{id}}).
 *
 * @param inDatabase {@code null} when the database could not be asked
 */
public record Whereabouts(StoredCampaign stored, boolean inCsv, boolean inSpool, Boolean inDatabase) {
}
