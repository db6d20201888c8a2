package dev.campaignpipe.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.Source;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The CSV sink of cluster mode (SPEC §15): reads the log in order and has the CSV writer
 * append each poll's records as one batch, under the ids the log gave them. Its position
 * is the file itself: at start it reads from the highest id in the CSV's last complete
 * lines and the spool (campaign_id = offset + 1, so that id is the next offset), and
 * afterwards from the end of the last batch the writer made durable. A batch the writer
 * could not store is read again after a backoff. The writer keeps its spool and its
 * handling of a CSV locked by Excel.
 */
@Component
@ConditionalOnProperty(name = "pipeline.queue.kind", havingValue = "kafka")
public class LogToCsv implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LogToCsv.class);

	private final PipelineProperties.Kafka settings;

	private final Duration ackTimeout;

	private final int maxBatch;

	private final boolean autoStart;

	private final CsvWriterService writer;

	private final TopicPartition partition;

	private volatile boolean running;

	private volatile Thread thread;

	/** The next offset to write; -1 until known. */
	private volatile long position = -1;

	/** Entries in the log after {@link #position}; -1 while unknown. */
	private volatile long lag = -1;

	private volatile String lastError;

	LogToCsv(PipelineProperties properties, CsvWriterService writer, MeterRegistry meters) {
		this.settings = properties.kafka();
		this.ackTimeout = properties.csv().ackTimeout();
		this.maxBatch = properties.csv().maxBatch();
		this.autoStart = properties.autoStart() && properties.runs(PipelineProperties.Role.CSV);
		this.writer = writer;
		this.partition = new TopicPartition(settings.topic(), 0);
		Gauge.builder("pipeline.cluster.sink.lag", () -> lag)
			.tag("sink", "csv")
			.description("Log entries the CSV writer has not written yet; -1 while unknown")
			.register(meters);
	}

	/** Where this sink is: its position, how far behind the log's end, its last error. */
	public SinkStatus status() {
		return new SinkStatus("csv", position, lag, lastError);
	}

	@Override
	public void start() {
		running = true;
		Thread t = new Thread(this::run, "log-to-csv");
		t.setDaemon(true);
		thread = t;
		t.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread t = thread;
		if (t != null) {
			t.interrupt();
			try {
				t.join(ackTimeout.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void run() {
		Duration backoff = Duration.ofMillis(200);
		try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(settings, maxBatch))) {
			consumer.assign(List.of(partition));
			while (running) {
				try {
					if (position < 0) {
						position = startingPosition();
					}
					consumer.seek(partition, position);
					while (running) {
						List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(500))
							.records(partition);
						write(records);
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
					if (!running) {
						return;
					}
					if (lastError == null) {
						log.warn("CSV sink paused, retrying from offset {}: {}", position, ex.toString());
					}
					lastError = ex.getMessage();
					Backoff.sleep(backoff, () -> running);
					backoff = Backoff.doubled(backoff, Duration.ofSeconds(5));
				}
			}
		}
		catch (org.apache.kafka.common.errors.InterruptException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The highest id in the files, waiting while the writer starts; the next offset to
	 * read.
	 */
	private long startingPosition() throws InterruptedException {
		long last = writer.lastIdInFiles();
		while (last < 0 && running) {
			lastError = "waiting for the CSV writer to start";
			Thread.sleep(200);
			last = writer.lastIdInFiles();
		}
		log.info("CSV sink reads the log {} from offset {} (campaign_id {} is the last in {})", settings.topic(), last,
				last, writer.status().csvPath());
		return last;
	}

	/**
	 * Writes the records in log order: runs of new records as one batch each, a
	 * restatement once the records before it are durable. Advances the position after
	 * each, so a failure resumes right after what is stored.
	 */
	private void write(List<ConsumerRecord<byte[], byte[]>> records) throws InterruptedException {
		List<StoredCampaign> batch = new ArrayList<>();
		List<Source> sources = new ArrayList<>();
		long end = position;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			LogEntry entry = LogCodec.read(record.value());
			if (entry.isRestatement()) {
				end = flush(batch, sources, end);
				await(writer.restate(entry.changes()), "restating " + entry.restated().size() + " records");
				end = record.offset() + 1;
				position = end;
			}
			else {
				batch.add(StoredCampaign.of(record.offset() + 1, entry.campaign()));
				sources.add(entry.source() == null ? Source.API : entry.source());
				end = record.offset() + 1;
			}
		}
		flush(batch, sources, end);
	}

	private long flush(List<StoredCampaign> batch, List<Source> sources, long end) throws InterruptedException {
		if (!batch.isEmpty()) {
			await(writer.appendFromLog(List.copyOf(batch), List.copyOf(sources)),
					"writing " + batch.size() + " records");
			batch.clear();
			sources.clear();
			position = end;
		}
		return end;
	}

	private void await(java.util.concurrent.CompletableFuture<?> future, String what) throws InterruptedException {
		try {
			future.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(what + " failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException(what + " was not confirmed within " + ackTimeout.toMillis() + " ms", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public boolean isAutoStartup() {
		return autoStart;
	}

	/** After the CSV writer starts, before it stops. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4000;
	}

}
