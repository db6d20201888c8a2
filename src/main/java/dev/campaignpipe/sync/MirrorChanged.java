package dev.campaignpipe.sync;

import java.util.List;

import dev.campaignpipe.campaign.StoredCampaign;

/**
 * Published after each committed batch of the sync: the records whose values the mirror
 * now holds anew, as the sync normalized them (rows seen again unchanged are not among
 * them). Readers that keep a copy of the mirror apply these in order.
 *
 * @param from where the mirror stood before this batch: a reader whose copy stands before
 * it missed a change and must read the mirror again
 * @param position where the mirror stands after this batch
 * @param inserted ids the mirror did not hold before this batch
 * @param updated ids it held, with their new values (an analyst's edit)
 */
public record MirrorChanged(MirrorPosition from, MirrorPosition position, List<StoredCampaign> inserted,
		List<StoredCampaign> updated) {

	/** Records in this change. */
	public int size() {
		return inserted.size() + updated.size();
	}

}
