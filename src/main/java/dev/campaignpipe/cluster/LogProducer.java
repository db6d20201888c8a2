package dev.campaignpipe.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.PipelineUnavailableException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends entries to the log in transactions, one per group of whatever submissions are
 * waiting (group commit, as the local writer shares an fsync): a group is acknowledged
 * once its transaction is committed on the in-sync replicas, and a group that could not
 * be committed is aborted, so no sink ever writes what its submitter was told failed
 * (SPEC §15: nothing half-stored). One thread owns the producer; after a failure it
 * starts a new one under the same transactional id, which fences the old and aborts
 * whatever it left open.
 *
 * <p>
 * A submitter that stops waiting ({@link Pending#giveUp()}) before its entry's
 * transaction is committed keeps it out: the entry is dropped, or its transaction aborted
 * and the rest of the group committed again, so a 503 never hides an entry that reaches
 * the log later. Once the commit has begun, the submitter waits for its outcome instead.
 */
final class LogProducer {

	private static final Logger log = LoggerFactory.getLogger(LogProducer.class);

	private final PipelineProperties.Kafka settings;

	private final int maxGroup;

	private final BlockingQueue<Pending> waiting;

	/** A new transactional producer under the id given. */
	private final Function<String, Producer<byte[], byte[]>> producers;

	private final List<Thread> senders = new ArrayList<>();

	private volatile boolean running = true;

	/**
	 * An entry waiting for the log, and who waits for its offset ({@link #done()}).
	 */
	static final class Pending {

		private static final int WAITING = 0;

		private static final int COMMITTING = 1;

		private static final int GIVEN_UP = 2;

		private final String key;

		private final String fingerprint;

		private final byte[] value;

		private final CompletableFuture<RecordMetadata> done = new CompletableFuture<>();

		private final AtomicInteger state = new AtomicInteger(WAITING);

		/**
		 * @param key the submission's Idempotency-Key as the record's key, or
		 * {@code null}
		 * @param fingerprint the hash of the request body it came with (a header), or
		 * {@code null}
		 */
		Pending(String key, String fingerprint, byte[] value) {
			this.key = key;
			this.fingerprint = fingerprint;
			this.value = value;
		}

		/** Completes once the log holds the entry, committed, or it will never. */
		CompletableFuture<RecordMetadata> done() {
			return done;
		}

		/**
		 * The submitter stops waiting.
		 * @return {@code true} if the entry will never reach the log; {@code false} if
		 * its transaction is being committed already (wait for {@link #done()})
		 */
		boolean giveUp() {
			return state.compareAndSet(WAITING, GIVEN_UP) || state.get() == GIVEN_UP;
		}

		private boolean givenUp() {
			return state.get() == GIVEN_UP;
		}

		/** Whether it may go into the commit that starts now (not given up). */
		private boolean toCommit() {
			return state.compareAndSet(WAITING, COMMITTING);
		}

		private void backToWaiting() {
			state.set(WAITING);
		}

		private void fail(String why, Throwable cause) {
			done.completeExceptionally(new PipelineUnavailableException(why, cause));
		}

	}

	LogProducer(PipelineProperties.Kafka settings, int capacity, int maxGroup) {
		this(settings, capacity, maxGroup, id -> new KafkaProducer<>(KafkaClients.producer(settings, id)));
	}

	LogProducer(PipelineProperties.Kafka settings, int capacity, int maxGroup,
			Function<String, Producer<byte[], byte[]>> producers) {
		this.settings = settings;
		this.maxGroup = maxGroup;
		this.waiting = new ArrayBlockingQueue<>(capacity);
		this.producers = producers;
		// a transaction takes several round trips among the brokers (~30 ms here, idle);
		// several in parallel, each its own producer, overlap them where the brokers
		// have cores to spare (on 2 shared cores one was faster: docs/benchmarks.md §10)
		String node = "campaign-pipeline-entry-" + UUID.randomUUID();
		for (int i = 1; i <= settings.producers(); i++) {
			Sender sender = new Sender(node + "-" + i);
			Thread thread = new Thread(sender::run, "log-producer-" + i);
			thread.setDaemon(true);
			senders.add(thread);
			thread.start();
		}
	}

	/** Queues an entry; {@link Pending#done()} completes once the log holds it. */
	Pending append(byte[] value) {
		return append(null, null, value);
	}

	/**
	 * Queues an entry that carries an Idempotency-Key ({@link KeyLedger}): the key as the
	 * record's key, the body's fingerprint in the header {@value KeyLedger#FINGERPRINT}.
	 */
	Pending append(String key, String fingerprint, byte[] value) {
		Pending pending = new Pending(key, fingerprint, value);
		if (!running) {
			pending.fail("shutting down", null);
		}
		else if (!waiting.offer(pending)) {
			pending.fail("too many submissions wait for the cluster", null);
		}
		return pending;
	}

	/** One sender thread and the producer it owns. */
	private final class Sender {

		private final String transactionalId;

		/** {@code null} until the cluster answered, and after a failure. */
		private Producer<byte[], byte[]> producer;

		Sender(String transactionalId) {
			this.transactionalId = transactionalId;
		}

		void run() {
			List<Pending> group = new ArrayList<>(maxGroup);
			while (running || !waiting.isEmpty()) {
				try {
					Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
					if (first == null) {
						continue;
					}
					group.add(first);
					waiting.drainTo(group, maxGroup - 1);
					commit(group);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				finally {
					group.clear();
				}
			}
			List<Pending> late = new ArrayList<>();
			waiting.drainTo(late);
			late.forEach(p -> p.fail("shutting down", null));
			closeProducer();
		}

		private ProducerRecord<byte[], byte[]> record(Pending pending) {
			if (pending.key == null) {
				return new ProducerRecord<>(settings.topic(), 0, null, pending.value);
			}
			ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(settings.topic(), 0,
					pending.key.getBytes(StandardCharsets.UTF_8), pending.value);
			record.headers().add(KeyLedger.FINGERPRINT, pending.fingerprint.getBytes(StandardCharsets.UTF_8));
			return record;
		}

		/**
		 * One transaction for the group: every entry acknowledged, or none. Entries whose
		 * submitter gave up stay out: before anything is sent, and again at the last
		 * moment the transaction can still be aborted (it is, and the rest go again).
		 */
		private void commit(List<Pending> group) {
			while (true) {
				dropGivenUp(group);
				if (group.isEmpty()) {
					return;
				}
				List<Future<RecordMetadata>> sent = new ArrayList<>(group.size());
				try {
					Producer<byte[], byte[]> p = producer();
					p.beginTransaction();
					for (Pending pending : group) {
						sent.add(p.send(record(pending)));
					}
					List<Pending> committing = new ArrayList<>(group.size());
					for (Pending pending : group) {
						if (pending.toCommit()) {
							committing.add(pending);
						}
					}
					if (committing.size() < group.size()) {
						p.abortTransaction();
						committing.forEach(Pending::backToWaiting);
						continue; // without the given-up ones
					}
					p.commitTransaction();
					for (int i = 0; i < group.size(); i++) {
						group.get(i).done().complete(sent.get(i).get());
					}
					return;
				}
				catch (ExecutionException | RuntimeException ex) {
					Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
					log.warn("the cluster did not acknowledge {} submissions: {}", group.size(), cause.toString());
					// whether the transaction can still be aborted or not, a new producer
					// under the same id fences this one and has the cluster abort what it
					// left open
					closeProducer();
					String why = "the cluster could not acknowledge the record (" + cause.getClass().getSimpleName()
							+ ": " + cause.getMessage() + ")";
					group.forEach(pending -> pending.fail(why, cause));
					return;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					closeProducer();
					group.forEach(pending -> pending.fail("interrupted", ex));
					return;
				}
			}
		}

		private void dropGivenUp(List<Pending> group) {
			group.removeIf(pending -> {
				if (pending.givenUp()) {
					pending.fail("given up by its submitter before the cluster acknowledged it", null);
					return true;
				}
				return false;
			});
		}

		private Producer<byte[], byte[]> producer() {
			if (producer == null) {
				Producer<byte[], byte[]> created = producers.apply(transactionalId);
				try {
					created.initTransactions();
				}
				catch (RuntimeException ex) {
					created.close(Duration.ZERO);
					throw ex;
				}
				producer = created;
			}
			return producer;
		}

		private void closeProducer() {
			if (producer != null) {
				try {
					producer.close(Duration.ZERO);
				}
				catch (RuntimeException ex) {
					log.debug("closing the producer: {}", ex.toString());
				}
				producer = null;
			}
		}

	}

	void close() {
		running = false;
		try {
			for (Thread sender : senders) {
				sender.join(settings.deliveryTimeout().toMillis() + 5_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
