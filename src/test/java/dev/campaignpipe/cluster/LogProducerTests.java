package dev.campaignpipe.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.support.TestProperties;
import dev.campaignpipe.csv.PipelineUnavailableException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The producer's promise to a submitter that stops waiting (its request answered 503):
 * the entry never reaches the log later. Kafka's own {@link MockProducer} stands in for
 * the brokers, so the moments between send and commit can be held still; the real
 * brokers' test is ClusterFailoverIntegrationTests.
 */
class LogProducerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final PipelineProperties.Kafka settings = TestProperties
		.load(Path.of("target/log-producer"), Map.of("pipeline.kafka.producers", "1"))
		.kafka();

	private LogProducer producer;

	@AfterEach
	void close() {
		if (producer != null) {
			producer.close();
		}
	}

	@Test
	void anEntryGivenUpWhileItsTransactionIsOpenIsAbortedAndTheRestOfTheGroupCommitted() throws Exception {
		HeldBrokers brokers = new HeldBrokers();
		producer = new LogProducer(settings, 100, 100, id -> brokers);

		// the first group holds the sender while "a" and "b" queue up behind it
		LogProducer.Pending first = producer.append(bytes("first"));
		brokers.init.awaitEntered();
		LogProducer.Pending a = producer.append(bytes("a"));
		LogProducer.Pending b = producer.append(bytes("b"));
		// the submitter of "a" times out while its transaction is open
		brokers.onSend = value -> {
			if (value.equals("a")) {
				assertThat(a.giveUp()).isTrue();
			}
		};
		brokers.init.release();

		assertThat(b.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
		assertThat(first.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
		assertThatThrownBy(() -> a.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(PipelineUnavailableException.class)
			.hasMessageContaining("given up");
		assertThat(brokers.aborted).hasValue(1);
		assertThat(brokers.history()).extracting(r -> text(r.value())).containsExactly("first", "b");
		assertThat(a.giveUp()).isTrue(); // asked again: still out of the log
	}

	@Test
	void anEntryGivenUpBeforeItIsSentNeverReachesTheLog() throws Exception {
		HeldBrokers brokers = new HeldBrokers();
		producer = new LogProducer(settings, 100, 100, id -> brokers);
		LogProducer.Pending first = producer.append(bytes("first"));
		brokers.init.awaitEntered();
		LogProducer.Pending late = producer.append(bytes("late"));
		assertThat(late.giveUp()).isTrue();
		brokers.init.release();

		assertThat(first.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
		assertThatThrownBy(() -> late.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(PipelineUnavailableException.class);
		assertThat(brokers.history()).extracting(r -> text(r.value())).containsExactly("first");
	}

	@Test
	void aSubmitterWhoseEntryIsBeingCommittedWaitsForTheOutcome() throws Exception {
		HeldBrokers brokers = new HeldBrokers();
		brokers.init.release();
		producer = new LogProducer(settings, 100, 100, id -> brokers);
		LogProducer.Pending entry = producer.append(bytes("slow"));
		brokers.commit.awaitEntered();

		// too late to keep it out: the answer must be the commit's outcome, not a 503
		assertThat(entry.giveUp()).isFalse();
		brokers.commit.release();
		assertThat(entry.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).offset()).isZero();
		assertThat(brokers.history()).extracting(r -> text(r.value())).containsExactly("slow");
	}

	/** A point the sender stops at until the test lets it go on. */
	private static final class Hold {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		void pass() {
			entered.countDown();
			await(released);
		}

		void awaitEntered() {
			await(entered);
		}

		void release() {
			released.countDown();
		}

	}

	/**
	 * Kafka's mock of a producer and its brokers, held at the start of the first
	 * transaction and at each commit until the test releases it; it counts aborts and
	 * tells the test of each value sent.
	 */
	private static final class HeldBrokers extends MockProducer<byte[], byte[]> {

		final Hold init = new Hold();

		final Hold commit = new Hold();

		final AtomicInteger aborted = new AtomicInteger();

		volatile Consumer<String> onSend = value -> {
		};

		HeldBrokers() {
			super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
			commit.release(); // unless a test holds it
		}

		@Override
		public void initTransactions() {
			init.pass();
			super.initTransactions();
		}

		@Override
		public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
			onSend.accept(text(record.value()));
			return super.send(record);
		}

		@Override
		public void commitTransaction() {
			commit.pass();
			super.commitTransaction();
		}

		@Override
		public void abortTransaction() {
			aborted.incrementAndGet();
			super.abortTransaction();
		}

	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
