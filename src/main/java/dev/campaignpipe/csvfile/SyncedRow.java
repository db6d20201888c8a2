package dev.campaignpipe.csvfile;

import dev.campaignpipe.campaign.StoredCampaign;

/** A CSV line that became a record, with its content hash and where it was read. */
public record SyncedRow(StoredCampaign stored, String hash, CsvLine line) {
}
