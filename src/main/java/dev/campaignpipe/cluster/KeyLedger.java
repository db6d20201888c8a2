package dev.campaignpipe.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.campaignpipe.common.BackgroundLoop;
import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.PipelineUnavailableException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The Idempotency-Keys of the whole cluster (SPEC §15), on each entry node: which log
 * entry first carried each key in the last {@link #KEEP}, read from the log by a thread
 * of its own. An entry node answers a keyed submission from here, so a retry that lands
 * on another node than the first attempt gets the same campaign_id: it reads the log to
 * its end before it looks a key up, and after it appended an entry it reads up to it and
 * answers with the first entry that carried the key (two retries racing on two nodes both
 * reach the log; the first in the log is the record, the sinks skip the other:
 * {@link KeyWindow}).
 */
@Component
@ConditionalOnProperty(name = "pipeline.queue.kind", havingValue = "kafka")
class KeyLedger extends BackgroundLoop {

	/** The record header that carries the request body's fingerprint. */
	static final String FINGERPRINT = "fingerprint";

	/** How long a key's answer is kept, as in local mode. */
	static final Duration KEEP = Duration.ofHours(24);

	private static final Logger log = LoggerFactory.getLogger(KeyLedger.class);

	/** The first log entry that carried a key. */
	record First(long offset, String fingerprint, long timestamp) {
	}

	private final PipelineProperties.Kafka settings;

	private final Clock clock;

	private final TopicPartition partition;

	private final Map<String, First> keys = new ConcurrentHashMap<>();

	/** Keys in log order, for forgetting them after {@link #KEEP}; the reader's only. */
	private final ArrayDeque<Map.Entry<String, First>> order = new ArrayDeque<>();

	private final Object progress = new Object();

	/** The next offset the reader reads; -1 before it started. */
	private long readUpTo = -1;

	private Consumer<byte[], byte[]> endReader;

	KeyLedger(PipelineProperties properties, Clock clock) {
		// on every node of a cluster: each serves the API, a keyed request can reach any;
		// before the web server takes requests, after it stops taking them
		super("key-ledger", properties.autoStart(), SmartLifecycle.DEFAULT_PHASE - 4000, Duration.ofSeconds(5));
		this.settings = properties.kafka();
		this.clock = clock;
		this.partition = new TopicPartition(settings.topic(), 0);
	}

	/**
	 * The first entry that carried {@code key}, after reading the log to its end.
	 * @return {@code null} when no entry of the last {@link #KEEP} carried it
	 * @throws PipelineUnavailableException when the log cannot be read in time
	 */
	First lookUp(String key) {
		awaitRead(end(), settings.deliveryTimeout());
		return keys.get(key);
	}

	/**
	 * The first entry that carried {@code key}, after reading up to the entry at
	 * {@code offset} (which carries it). Waits as long as another node's open transaction
	 * can hold back what readers see (its transaction timeout), and a little more.
	 * @throws PipelineUnavailableException when the log cannot be read in time
	 */
	First firstUpTo(String key, long offset) {
		awaitRead(offset + 1, KafkaClients.transactionTimeout(settings).plusSeconds(5));
		return keys.get(key);
	}

	private synchronized long end() {
		try {
			if (endReader == null) {
				endReader = new KafkaConsumer<>(KafkaClients.consumer(settings, 1));
			}
			// read_committed: the end of what is committed, as the reader sees it
			return endReader.endOffsets(List.of(partition), settings.deliveryTimeout()).get(partition);
		}
		catch (RuntimeException ex) {
			throw new PipelineUnavailableException("the log's end could not be read: " + ex.getMessage(), ex);
		}
	}

	private void awaitRead(long offset, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (progress) {
			while (readUpTo < offset) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || !isRunning()) {
					throw new PipelineUnavailableException(
							"the log was not read up to offset " + offset + " in time (Idempotency-Key)", null);
				}
				try {
					progress.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new PipelineUnavailableException("interrupted", ex);
				}
			}
		}
	}

	@Override
	protected void release() {
		synchronized (this) {
			if (endReader != null) {
				endReader.close();
				endReader = null;
			}
		}
	}

	@Override
	protected void loop() {
		Duration backoff = Duration.ofMillis(200);
		try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(settings, 5_000))) {
			consumer.assign(List.of(partition));
			boolean positioned = false;
			while (isRunning()) {
				try {
					if (!positioned) {
						seekToKeep(consumer);
						positioned = true;
					}
					for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))
						.records(partition)) {
						remember(record);
					}
					forgetOld();
					long position = consumer.position(partition);
					synchronized (progress) {
						readUpTo = position;
						progress.notifyAll();
					}
					backoff = Duration.ofMillis(200);
				}
				catch (org.apache.kafka.common.errors.InterruptException ex) {
					return;
				}
				catch (RuntimeException ex) {
					if (!isRunning()) {
						return;
					}
					log.warn("Idempotency-Key ledger paused: {}", ex.toString());
					Backoff.sleep(backoff, this::isRunning);
					backoff = Backoff.doubled(backoff, Duration.ofSeconds(5));
				}
			}
		}
	}

	/** From the first entry of the last {@link #KEEP}, or the end when there is none. */
	private void seekToKeep(Consumer<byte[], byte[]> consumer) {
		long since = clock.millis() - KEEP.toMillis();
		OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(partition, since)).get(partition);
		if (first == null) {
			consumer.seekToEnd(List.of(partition));
		}
		else {
			consumer.seek(partition, first.offset());
		}
	}

	private void remember(ConsumerRecord<byte[], byte[]> record) {
		if (record.key() == null) {
			return;
		}
		Header header = record.headers().lastHeader(FINGERPRINT);
		String key = new String(record.key(), StandardCharsets.UTF_8);
		First first = new First(record.offset(),
				header == null ? "" : new String(header.value(), StandardCharsets.UTF_8), record.timestamp());
		if (keys.putIfAbsent(key, first) == null) {
			order.addLast(Map.entry(key, first));
		}
	}

	private void forgetOld() {
		long oldest = clock.millis() - KEEP.toMillis();
		while (!order.isEmpty() && order.peekFirst().getValue().timestamp() < oldest) {
			Map.Entry<String, First> gone = order.pollFirst();
			keys.remove(gone.getKey(), gone.getValue());
		}
	}

}
