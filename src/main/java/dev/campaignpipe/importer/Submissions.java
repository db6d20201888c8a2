package dev.campaignpipe.importer;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.csv.IdTakenException;

/**
 * One import's records on their way to the writer: a bounded number in flight at once,
 * stored ones counted as their answers arrive, refused ones kept for the importing thread
 * to reject.
 */
final class Submissions {

	/**
	 * Records in flight to the writer at once: enough to fill its batches, bounded for
	 * memory.
	 */
	static final int IN_FLIGHT = 4096;

	private final CampaignQueue queue;

	private final long verifiedUpTo;

	private final ImportProgress progress;

	private final Semaphore window = new Semaphore(IN_FLIGHT);

	private final ConcurrentLinkedQueue<Refusal> refused = new ConcurrentLinkedQueue<>();

	/**
	 * @param verifiedUpTo the highest id handed out when the taken ids were read: ids up
	 * to it were checked against them
	 */
	Submissions(CampaignQueue queue, long verifiedUpTo, ImportProgress progress) {
		this.queue = queue;
		this.verifiedUpTo = verifiedUpTo;
		this.progress = progress;
	}

	/**
	 * Waits for room in the window, then hands the record to the queue.
	 * @param rows the input rows it was made of, rejected with it if the writer refuses
	 * it
	 */
	void submit(Campaign campaign, Long id, List<List<String>> rows, Source source) throws InterruptedException {
		window.acquire();
		queue.submitAsync(campaign, id, verifiedUpTo, source).whenComplete((receipt, error) -> {
			if (error == null) {
				progress.stored.incrementAndGet();
				if (!campaign.dataQuality().isEmpty()) {
					progress.flagged.incrementAndGet();
				}
			}
			else {
				refused.add(new Refusal(rows, error));
			}
			window.release();
		});
	}

	/** Returns once every record submitted so far has its answer. */
	void awaitAll() throws InterruptedException {
		window.acquire(IN_FLIGHT);
		window.release(IN_FLIGHT);
	}

	/** The next submission the writer refused, or {@code null} if there is none (yet). */
	Refusal nextRefusal() {
		return refused.poll();
	}

	/**
	 * A row the writer refused: an id taken meanwhile (by the form), or a failed write.
	 */
	record Refusal(List<List<String>> rows, Throwable error) {

		/** The reason for the rejects file. */
		String reason() {
			Throwable cause = error instanceof CompletionException ? error.getCause() : error;
			if (cause instanceof IdTakenException) {
				return cause.getMessage() + " (taken while importing)";
			}
			return "not stored: " + cause.getMessage();
		}

	}

}
