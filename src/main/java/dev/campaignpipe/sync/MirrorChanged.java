package dev.campaignpipe.sync;

import java.util.List;

import dev.campaignpipe.campaign.StoredCampaign;

/**
 * Published after each committed batch of the sync: the records whose values the mirror
 * now holds anew (inserted or updated; rows seen again unchanged are not among them), as
 * the sync normalized them. Readers that keep a copy of the mirror apply these in order.
 *
 * @param position where the mirror stands after this batch
 * @param upserted the batch's new or changed records, each id at most once
 */
public record MirrorChanged(MirrorPosition position, List<StoredCampaign> upserted) {
}
