package dev.campaignpipe.csv;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.campaignpipe.campaign.Campaign;

/**
 * The only way into the pipeline for entry paths (form, API, import). A call returns only
 * once the record is durable — fsync'd in the CSV or in the spool — so an acknowledgement
 * can be trusted across a crash.
 */
public interface CampaignQueue {

	/**
	 * Stores a campaign under a new id, as an entry of the JSON API.
	 * @throws PipelineUnavailableException when the record could not be made durable in
	 * time
	 */
	Receipt submit(Campaign campaign);

	/**
	 * As {@link #submit(Campaign)}, from {@code source} (its trail starts there); a queue
	 * that keeps no trails takes it as {@link #submit(Campaign)}.
	 */
	default Receipt submit(Campaign campaign, Source source) {
		return submit(campaign);
	}

	/**
	 * What a submission with an {@code Idempotency-Key} got: its own record, or the
	 * record an earlier submission with the same key and body stored ({@code replayed}).
	 */
	record Keyed(Receipt receipt, boolean replayed) {
	}

	/** The Idempotency-Key was first used with another request body. */
	class KeyReusedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public KeyReusedException(String key) {
			super("Idempotency-Key " + key + " was first used with another request body");
		}

	}

	/**
	 * As {@link #submit(Campaign, Source)}, for a request that carries an
	 * {@code Idempotency-Key}. On one machine the entry's own key file answers retries,
	 * so this stores; a queue shared by several machines answers a retry that reached
	 * another machine with the first attempt's record.
	 * @param fingerprint the hash of the request body
	 * @throws KeyReusedException when the key came first with another body
	 */
	default Keyed submitOnce(Campaign campaign, Source source, String key, String fingerprint) {
		return new Keyed(submit(campaign, source), false);
	}

	/**
	 * Queues a campaign and returns at once; the future completes when it is durable.
	 * Lets an import keep many records in flight so they share fsyncs.
	 * @param requestedId an id the record brings along (an import), or {@code null} for a
	 * new one
	 * @param verifiedFreeUpTo the caller checked that {@code requestedId} is free if it
	 * is at or below this id; above it, the writer accepts the id only if it never handed
	 * it out
	 */
	CompletableFuture<Receipt> submitAsync(Campaign campaign, Long requestedId, long verifiedFreeUpTo);

	/**
	 * As {@link #submitAsync(Campaign, Long, long)}, from {@code source}; a queue that
	 * keeps no trails takes it as that.
	 */
	default CompletableFuture<Receipt> submitAsync(Campaign campaign, Long requestedId, long verifiedFreeUpTo,
			Source source) {
		return submitAsync(campaign, requestedId, verifiedFreeUpTo);
	}

	/**
	 * Replaces stored records by id with restated values (an ad platform's later export
	 * of the same records, SPEC §14), in the CSV and from there everywhere.
	 * @return completes with the number of records once the change is durable
	 */
	CompletableFuture<Integer> restate(Map<Long, Campaign> changes);

	/** The highest id handed out so far. */
	long lastId();

	/**
	 * Waits for a submission's acknowledgement, as {@link #submit(Campaign)} does: any
	 * failure becomes a {@link PipelineUnavailableException} saying what was not
	 * confirmed.
	 */
	static Receipt awaitAcknowledged(CompletableFuture<Receipt> future, long timeoutMillis) {
		try {
			return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PipelineUnavailableException("interrupted while waiting for the write", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof PipelineUnavailableException unavailable) {
				throw unavailable;
			}
			throw new PipelineUnavailableException(
					"the record could not be made durable: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new PipelineUnavailableException("the write was not confirmed within " + timeoutMillis + " ms", ex);
		}
	}

}
