package dev.campaignpipe.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.campaignpipe.common.BackgroundLoop;
import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A sink of cluster mode (SPEC §15): one thread that reads the log in order from the
 * position its data says it has reached, hands each poll to {@link #write}, and after a
 * failure waits (backing off up to 5 s) and reads again from its position. No consumer
 * group and no committed offsets: where a sink stands is stored with what it wrote.
 */
public abstract class LogSink extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(LogSink.class);

	private final String name;

	private final PipelineProperties.Kafka settings;

	private final int maxPoll;

	private final TopicPartition partition;

	/** The next offset to write; -1 until known. */
	private volatile long position = -1;

	/** Entries in the log after {@link #position}; -1 while unknown. */
	private volatile long lag = -1;

	private volatile String lastError;

	/** Idempotency-Keys of the entries read lately: a retry's repeat is not stored. */
	private final KeyWindow keys = new KeyWindow();

	/**
	 * Log entries this sink stored since it started (another sink may store the rest).
	 */
	private volatile long written;

	LogSink(String name, PipelineProperties properties, PipelineProperties.Role role, MeterRegistry meters) {
		// after the stage it writes through (the CSV writer, the database) starts, and
		// stopped before it
		super("log-to-" + name, properties.autoStart() && properties.runs(role), SmartLifecycle.DEFAULT_PHASE - 4000,
				properties.csv().ackTimeout());
		this.name = name;
		this.settings = properties.kafka();
		this.maxPoll = properties.csv().maxBatch();
		this.partition = new TopicPartition(settings.topic(), 0);
		Gauge.builder("pipeline.cluster.sink.lag", () -> lag)
			.tag("sink", name)
			.description("Log entries this sink has not written yet; -1 while unknown")
			.register(meters);
	}

	/** Where this sink is: its position, how far behind the log's end, its last error. */
	public SinkStatus status() {
		return new SinkStatus(name, position, lag, written, lastError);
	}

	/**
	 * Where this sink's data says it stands: the next offset to write. May wait for the
	 * stage it writes through to start.
	 */
	abstract long storedPosition() throws InterruptedException;

	/**
	 * Writes a poll's records (in log order, from {@link #position()}), moving the
	 * position with what it stored.
	 * @return {@code false} when the position was moved elsewhere (another sink wrote)
	 * and reading must go on from there
	 */
	abstract boolean write(List<ConsumerRecord<byte[], byte[]>> records) throws InterruptedException;

	final String topic() {
		return settings.topic();
	}

	final long position() {
		return position;
	}

	/** This sink stored the entries up to {@code next}. */
	final void advance(long next) {
		written += next - position;
		position = next;
	}

	/** Another sink stored the entries up to {@code next}: read on from there. */
	final void skipTo(long next) {
		position = next;
	}

	/** Shown in the status while the sink waits for something other than an error. */
	final void waiting(String why) {
		lastError = why;
	}

	final boolean stopping() {
		return !isRunning();
	}

	@Override
	protected void loop() {
		Duration backoff = Duration.ofMillis(200);
		try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(settings, maxPoll))) {
			consumer.assign(List.of(partition));
			while (isRunning()) {
				try {
					if (position < 0) {
						long stored = storedPosition();
						readKeysBefore(consumer, stored);
						position = stored;
						log.info("{} sink reads the log {} from offset {}", name, settings.topic(), position);
					}
					consumer.seek(partition, position);
					boolean onTrack = true;
					while (isRunning() && onTrack) {
						List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(500))
							.records(partition)
							.stream()
							.filter(record -> !keys.isRepeat(record))
							.toList();
						onTrack = records.isEmpty() || write(records);
						OptionalLong behind = consumer.currentLag(partition);
						lag = behind.isPresent() ? behind.getAsLong() : lag;
						lastError = null;
						backoff = Duration.ofMillis(200);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException ex) {
					if (!isRunning()) {
						return;
					}
					if (lastError == null) {
						log.warn("{} sink paused, retrying from offset {}: {}", name, position, ex.toString());
					}
					lastError = ex.getMessage() != null ? ex.getMessage() : ex.toString();
					Backoff.sleep(backoff, this::isRunning);
					backoff = Backoff.doubled(backoff, Duration.ofSeconds(5));
				}
			}
		}
		catch (org.apache.kafka.common.errors.InterruptException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Reads the Idempotency-Keys of the entries up to {@link KeyWindow#SPAN} before
	 * {@code position} (in log time: before the entry at {@code position - 1}), so a
	 * repeat right after it is known as one.
	 */
	private void readKeysBefore(Consumer<byte[], byte[]> consumer, long position) {
		if (position == 0) {
			return;
		}
		long end = consumer.endOffsets(List.of(partition)).get(partition);
		long reference = System.currentTimeMillis(); // nothing after position yet:
														// entries to come are newer
		if (position - 1 < end) {
			consumer.seek(partition, position - 1);
			List<ConsumerRecord<byte[], byte[]>> next = List.of();
			while (next.isEmpty() && isRunning() && consumer.position(partition) < end) {
				next = consumer.poll(Duration.ofMillis(500)).records(partition);
			}
			if (!next.isEmpty()) {
				reference = next.get(0).timestamp();
			}
		}
		OffsetAndTimestamp from = consumer
			.offsetsForTimes(Map.of(partition, Math.max(0, reference - KeyWindow.SPAN.toMillis())))
			.get(partition);
		if (from == null || from.offset() >= position) {
			return;
		}
		consumer.seek(partition, from.offset());
		while (isRunning() && consumer.position(partition) < Math.min(position, end)) {
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500)).records(partition)) {
				if (record.offset() >= position) {
					return;
				}
				keys.isRepeat(record);
			}
		}
	}

}
