package dev.campaignpipe.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.Location;
import dev.campaignpipe.csv.PipelineUnavailableException;
import dev.campaignpipe.csv.Receipt;
import dev.campaignpipe.csv.Source;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Entry in cluster mode (SPEC §15): a submission is acknowledged once the Kafka log holds
 * it, committed, on {@code min.insync.replicas} brokers ({@link LogProducer}), and its
 * campaign_id is its offset + 1 in the log's single partition — unique and increasing
 * across every entry node. While the cluster cannot acknowledge, the submitter gets a
 * {@link PipelineUnavailableException} (503) within the delivery timeout. The sinks write
 * the records from the log.
 */
@Component
@Primary
@ConditionalOnProperty(name = "pipeline.queue.kind", havingValue = "kafka")
public class KafkaCampaignQueue implements CampaignQueue, DisposableBean {

	private final PipelineProperties.Kafka settings;

	private final LogProducer producer;

	private final AtomicLong lastId = new AtomicLong();

	private final Counter acknowledged;

	private final Counter failed;

	private final java.time.Clock clock;

	/**
	 * Since when the log has refused this node's submissions; {@code null} while it takes
	 * them.
	 */
	private volatile java.time.Instant failingSince;

	private volatile String lastError;

	private final KeyLedger keys;

	KafkaCampaignQueue(PipelineProperties properties, MeterRegistry meters, java.time.Clock clock, KeyLedger keys) {
		this.settings = properties.kafka();
		this.keys = keys;
		this.clock = clock;
		this.producer = new LogProducer(settings, properties.csv().queueCapacity(), properties.csv().maxBatch());
		this.acknowledged = Counter.builder("pipeline.cluster.acknowledged")
			.description("Submissions the Kafka log acknowledged through this node")
			.register(meters);
		this.failed = Counter.builder("pipeline.cluster.producer.errors")
			.description("Submissions the Kafka log did not acknowledge (answered 503)")
			.register(meters);
	}

	@Override
	public Receipt submit(Campaign campaign) {
		return submit(campaign, Source.API);
	}

	@Override
	public Receipt submit(Campaign campaign, Source source) {
		return receipt(await(send(LogEntry.of(campaign, source))).offset(), campaign);
	}

	@Override
	public CompletableFuture<Receipt> submitAsync(Campaign campaign, Long requestedId, long verifiedFreeUpTo) {
		return submitAsync(campaign, requestedId, verifiedFreeUpTo, Source.API);
	}

	/**
	 * {@inheritDoc} In cluster mode campaign_id comes from the log: a record that brings
	 * its own (an import of the original tool's file) is refused, never renumbered, so a
	 * second import of the same file cannot store it twice.
	 */
	@Override
	public CompletableFuture<Receipt> submitAsync(Campaign campaign, Long requestedId, long verifiedFreeUpTo,
			Source source) {
		if (requestedId != null) {
			return CompletableFuture.failedFuture(new IllegalArgumentException("campaign_id " + requestedId
					+ " cannot be kept: in cluster mode campaign_id comes from the log (import with --reassign-ids,"
					+ " or into a single-machine installation)"));
		}
		return send(LogEntry.of(campaign, source)).done().thenApply(metadata -> receipt(metadata.offset(), campaign));
	}

	/**
	 * {@inheritDoc} Every entry node knows the keys of the whole log ({@link KeyLedger}):
	 * a key seen before is answered with its first record, without a new entry; a new key
	 * is appended with its entry, and if a retry on another node raced it into the log,
	 * the first of the two in the log is the answer (the sinks skip the second).
	 */
	@Override
	public Keyed submitOnce(Campaign campaign, Source source, String key, String fingerprint) {
		KeyLedger.First earlier = keys.lookUp(key);
		if (earlier != null) {
			return earlier(earlier, campaign, key, fingerprint);
		}
		long offset = await(send(LogEntry.of(campaign, source), key, fingerprint)).offset();
		Receipt receipt = receipt(offset, campaign);
		KeyLedger.First first;
		try {
			first = keys.firstUpTo(key, offset);
		}
		catch (PipelineUnavailableException ex) {
			// the entry is in the log; which entry with this key came first is not known
			// yet
			throw new PipelineUnavailableException("the record was appended but the log could not be read back in"
					+ " time to tell whether an earlier attempt with this Idempotency-Key came first; retry with the"
					+ " same key to get its campaign_id", ex);
		}
		if (first != null && first.offset() < offset) {
			return earlier(first, campaign, key, fingerprint);
		}
		return new Keyed(receipt, false);
	}

	private static Keyed earlier(KeyLedger.First first, Campaign campaign, String key, String fingerprint) {
		if (!first.fingerprint().equals(fingerprint)) {
			throw new KeyReusedException(key);
		}
		// the same body: the same record, under the id the first entry got
		return new Keyed(receipt(first.offset(), campaign), true);
	}

	private static Receipt receipt(long offset, Campaign campaign) {
		return new Receipt(StoredCampaign.of(LogEntry.campaignId(offset), campaign), Location.LOG);
	}

	@Override
	public CompletableFuture<Integer> restate(Map<Long, Campaign> changes) {
		return send(LogEntry.restating(changes)).done().thenApply(metadata -> changes.size());
	}

	/**
	 * Whether the log takes this node's submissions: since when it has refused them and
	 * why, both {@code null} while it takes them.
	 */
	public EntryStatus status() {
		return new EntryStatus(settings.topic(), failingSince, lastError);
	}

	/** The highest campaign_id the log gave a submission through this node. */
	@Override
	public long lastId() {
		return lastId.get();
	}

	private LogProducer.Pending send(LogEntry entry) {
		return send(entry, null, null);
	}

	private LogProducer.Pending send(LogEntry entry, String key, String fingerprint) {
		LogProducer.Pending pending = producer.append(key, fingerprint, LogCodec.write(entry));
		pending.done().whenComplete((metadata, error) -> {
			if (error != null) {
				failed.increment();
				lastError = error.getMessage();
				if (failingSince == null) {
					failingSince = clock.instant();
				}
			}
			else {
				acknowledged.increment();
				failingSince = null;
				lastError = null;
				lastId.accumulateAndGet(LogEntry.campaignId(metadata.offset()), Math::max);
			}
		});
		return pending;
	}

	/**
	 * Waits for the log to hold the entry, up to the delivery timeout and a little more.
	 * A submitter that stops waiting keeps its entry out of the log, so its 503 is true;
	 * if the entry's commit has begun, the commit's outcome is the answer.
	 */
	private RecordMetadata await(LogProducer.Pending pending) {
		long wait = settings.deliveryTimeout().toMillis() + 2_000;
		try {
			try {
				return pending.done().get(wait, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				if (pending.giveUp()) {
					throw new PipelineUnavailableException(
							"the cluster did not acknowledge the record within " + wait + " ms; nothing was stored",
							ex);
				}
				return pending.done().get(wait, TimeUnit.MILLISECONDS); // being committed
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			pending.giveUp();
			throw new PipelineUnavailableException("interrupted while waiting for the cluster", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof PipelineUnavailableException unavailable) {
				throw unavailable;
			}
			throw new PipelineUnavailableException(
					"the cluster could not acknowledge the record: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new PipelineUnavailableException("the cluster committed nothing it could confirm within " + 2 * wait
					+ " ms; whether the record was stored is not known: retry with an Idempotency-Key", ex);
		}
	}

	@Override
	public void destroy() {
		producer.close();
	}

}
