package dev.campaignpipe.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.Source;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The CSV sink of cluster mode (SPEC §15): has the CSV writer append each poll's records
 * as one batch, under the ids the log gave them. Its position is the file itself: at
 * start it reads from the highest id in the CSV's last complete lines and the spool
 * (campaign_id = offset + 1, so that id is the next offset), and afterwards from the end
 * of the last batch the writer made durable. The writer keeps its spool and its handling
 * of a CSV locked by Excel.
 */
@Component
@ConditionalOnProperty(name = "pipeline.queue.kind", havingValue = "kafka")
public class LogToCsv extends LogSink {

	private static final Logger log = LoggerFactory.getLogger(LogToCsv.class);

	private final Duration ackTimeout;

	private final Counter unreadable;

	private final CsvWriterService writer;

	LogToCsv(PipelineProperties properties, CsvWriterService writer, MeterRegistry meters) {
		super(SinkStatus.CSV, properties, PipelineProperties.Role.CSV, meters);
		this.ackTimeout = properties.csv().ackTimeout();
		this.writer = writer;
		this.unreadable = Counter.builder("pipeline.cluster.sink.unreadable")
			.tag("sink", SinkStatus.CSV)
			.description("Log entries no node can read, passed over by the CSV sink (the database sink quarantines"
					+ " them with their text)")
			.register(meters);
	}

	/** The highest id in the files, waiting while the writer starts. */
	@Override
	long storedPosition() throws InterruptedException {
		long last = writer.lastIdInFiles();
		while (last < 0 && !stopping()) {
			waiting("waiting for the CSV writer to start");
			Thread.sleep(200);
			last = writer.lastIdInFiles();
		}
		return last;
	}

	/**
	 * Writes the records in log order: runs of new records as one batch each, a
	 * restatement once the records before it are durable. Advances the position after
	 * each, so a failure resumes right after what is stored.
	 */
	@Override
	boolean write(List<ConsumerRecord<byte[], byte[]>> records) throws InterruptedException {
		List<StoredCampaign> batch = new ArrayList<>();
		List<Source> sources = new ArrayList<>();
		long end = position();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			LogEntry entry;
			try {
				entry = LogCodec.read(record.value());
			}
			catch (RuntimeException ex) {
				// no node can read it, so it cannot become a line, and stopping here
				// would stop the CSV for every entry after it; the database sink
				// quarantines it with its text (after a restart it is passed over again)
				flush(batch, sources, end);
				passOver(record.offset(), ex);
				end = record.offset() + 1;
				skipTo(end);
				continue;
			}
			if (entry.isRestatement()) {
				flush(batch, sources, end);
				await(writer.restate(entry.changes()), "restating " + entry.restated().size() + " records");
				end = record.offset() + 1;
				advance(end);
			}
			else {
				batch.add(StoredCampaign.of(LogEntry.campaignId(record.offset()), entry.campaign()));
				sources.add(entry.source() == null ? Source.API : entry.source());
				end = record.offset() + 1;
			}
		}
		flush(batch, sources, end);
		return true;
	}

	private void passOver(long offset, RuntimeException why) {
		unreadable.increment();
		log.warn("CSV sink: the log entry at offset {} cannot be read and is passed over (campaign_id {} stays"
				+ " unused in the CSV): {}", offset, LogEntry.campaignId(offset), why.getMessage());
	}

	private void flush(List<StoredCampaign> batch, List<Source> sources, long end) throws InterruptedException {
		if (!batch.isEmpty()) {
			await(writer.appendFromLog(List.copyOf(batch), List.copyOf(sources)),
					"writing " + batch.size() + " records");
			batch.clear();
			sources.clear();
			advance(end);
		}
	}

	private void await(CompletableFuture<?> future, String what) throws InterruptedException {
		try {
			future.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(what + " failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(what + " was not confirmed within " + ackTimeout.toMillis() + " ms", ex);
		}
	}

}
