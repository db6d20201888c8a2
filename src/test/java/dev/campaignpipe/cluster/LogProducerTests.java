package dev.campaignpipe.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
		CountDownLatch initEntered = new CountDownLatch(1);
		CountDownLatch initMayReturn = new CountDownLatch(1);
		AtomicReference<LogProducer.Pending> givenUpDuringSend = new AtomicReference<>();
		AtomicInteger aborted = new AtomicInteger();
		MockProducer<byte[], byte[]> brokers = new MockProducer<>(true, null, new ByteArraySerializer(),
				new ByteArraySerializer()) {

			@Override
			public void initTransactions() {
				initEntered.countDown();
				await(initMayReturn);
				super.initTransactions();
			}

			@Override
			public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
				// the submitter of "a" times out while its transaction is open
				if (text(record.value()).equals("a") && givenUpDuringSend.get() != null) {
					assertThat(givenUpDuringSend.getAndSet(null).giveUp()).isTrue();
				}
				return super.send(record);
			}

			@Override
			public void abortTransaction() {
				aborted.incrementAndGet();
				super.abortTransaction();
			}

		};
		producer = new LogProducer(settings, 100, 100, id -> brokers);

		// the first group holds the sender while "a" and "b" queue up behind it
		LogProducer.Pending first = producer.append(bytes("first"));
		assertThat(initEntered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		LogProducer.Pending a = producer.append(bytes("a"));
		LogProducer.Pending b = producer.append(bytes("b"));
		givenUpDuringSend.set(a);
		initMayReturn.countDown();

		assertThat(b.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
		assertThat(first.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
		assertThatThrownBy(() -> a.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(PipelineUnavailableException.class)
			.hasMessageContaining("given up");
		assertThat(aborted).hasValue(1);
		assertThat(brokers.history()).extracting(r -> text(r.value())).containsExactly("first", "b");
		assertThat(a.giveUp()).isTrue(); // asked again: still out of the log
	}

	@Test
	void anEntryGivenUpBeforeItIsSentNeverReachesTheLog() throws Exception {
		CountDownLatch initEntered = new CountDownLatch(1);
		CountDownLatch initMayReturn = new CountDownLatch(1);
		MockProducer<byte[], byte[]> brokers = new MockProducer<>(true, null, new ByteArraySerializer(),
				new ByteArraySerializer()) {

			@Override
			public void initTransactions() {
				initEntered.countDown();
				await(initMayReturn);
				super.initTransactions();
			}

		};
		producer = new LogProducer(settings, 100, 100, id -> brokers);
		LogProducer.Pending first = producer.append(bytes("first"));
		assertThat(initEntered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		LogProducer.Pending late = producer.append(bytes("late"));
		assertThat(late.giveUp()).isTrue();
		initMayReturn.countDown();

		assertThat(first.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
		assertThatThrownBy(() -> late.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(PipelineUnavailableException.class);
		assertThat(brokers.history()).extracting(r -> text(r.value())).containsExactly("first");
	}

	@Test
	void aSubmitterWhoseEntryIsBeingCommittedWaitsForTheOutcome() throws Exception {
		CountDownLatch commitEntered = new CountDownLatch(1);
		CountDownLatch commitMayReturn = new CountDownLatch(1);
		AtomicBoolean committed = new AtomicBoolean();
		MockProducer<byte[], byte[]> brokers = new MockProducer<>(true, null, new ByteArraySerializer(),
				new ByteArraySerializer()) {

			@Override
			public void commitTransaction() {
				commitEntered.countDown();
				await(commitMayReturn);
				super.commitTransaction();
				committed.set(true);
			}

		};
		producer = new LogProducer(settings, 100, 100, id -> brokers);
		LogProducer.Pending entry = producer.append(bytes("slow"));
		assertThat(commitEntered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

		// too late to keep it out: the answer must be the commit's outcome, not a 503
		assertThat(entry.giveUp()).isFalse();
		commitMayReturn.countDown();
		assertThat(entry.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).offset()).isZero();
		assertThat(committed).isTrue();
		assertThat(brokers.history()).extracting(r -> text(r.value())).containsExactly("slow");
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
