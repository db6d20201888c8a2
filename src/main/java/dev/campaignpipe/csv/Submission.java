package dev.campaignpipe.csv;

import java.util.concurrent.CompletableFuture;

import dev.campaignpipe.campaign.Campaign;

/**
 * One record waiting in the queue, and the answer its submitter waits for.
 *
 * @param requestedId the id an imported row brings, {@code null} for a new record
 * @param verifiedFreeUpTo ids up to this one were checked free by the importer
 * @param source where it came from (its trail starts there)
 */
record Submission(Campaign campaign, Long requestedId, long verifiedFreeUpTo, Source source,
		CompletableFuture<Receipt> future) {

}
