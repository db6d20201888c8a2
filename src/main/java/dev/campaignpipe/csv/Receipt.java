package dev.campaignpipe.csv;

import dev.campaignpipe.campaign.StoredCampaign;

/** The acknowledgement of a submission: the stored record and where it is durable. */
public record Receipt(StoredCampaign stored, Location location) {
}
