package dev.campaignpipe.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.sync.LogMirror;
import dev.campaignpipe.sync.LogPositionMovedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The database sink of cluster mode (SPEC §15): writes each poll's entries into the
 * mirror table with the log offset after them, in one transaction ({@link LogMirror}).
 * Its position is the one that transaction stored: read at start and again whenever
 * another sink on the same database wrote first, so two sinks never store an entry twice.
 * Entries it cannot read are quarantined, not skipped silently.
 */
@Component
@ConditionalOnProperty(name = "pipeline.queue.kind", havingValue = "kafka")
public class LogToDatabase extends LogSink {

	private final LogMirror mirror;

	LogToDatabase(PipelineProperties properties, LogMirror mirror, MeterRegistry meters) {
		super(SinkStatus.DATABASE, properties, PipelineProperties.Role.DATABASE, meters);
		this.mirror = mirror;
	}

	@Override
	long storedPosition() {
		return mirror.next(topic());
	}

	@Override
	boolean write(List<ConsumerRecord<byte[], byte[]>> records) {
		List<LogMirror.Entry> entries = new ArrayList<>(records.size());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			entries.add(entry(record));
		}
		long next = records.get(records.size() - 1).offset() + 1;
		try {
			mirror.write(position(), entries, next);
			advance(next);
			return true;
		}
		catch (LogPositionMovedException ex) {
			return followOther(entries, ex.stored(), next);
		}
	}

	/**
	 * Another sink wrote first. Where it wrote what this poll holds, the replica and the
	 * trail of this node are told from the entries (so they stay exact on every node);
	 * then reading goes on from where the database is.
	 * @return whether the consumer may go on polling where it is
	 */
	private boolean followOther(List<LogMirror.Entry> entries, long stored, long next) {
		if (stored <= position()) {
			skipTo(stored); // the database went back (a restored backup): write again
							// from there
			return false;
		}
		long end = Math.min(stored, next);
		mirror.follow(position(), entries.stream().filter(e -> e.offset() < end).toList(), end);
		skipTo(end);
		return end == next;
	}

	private static LogMirror.Entry entry(ConsumerRecord<byte[], byte[]> record) {
		long offset = record.offset();
		String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
		LogEntry entry;
		try {
			entry = LogCodec.read(record.value());
		}
		catch (RuntimeException ex) {
			return LogMirror.Entry.unreadable(offset, text,
					"log entry at offset " + offset + " cannot be read: " + ex.getMessage());
		}
		if (entry.isRestatement()) {
			List<StoredCampaign> restated = entry.restated()
				.stream()
				.map(r -> StoredCampaign.of(r.id(), r.campaign()))
				.toList();
			return LogMirror.Entry.restated(offset, restated, text);
		}
		return LogMirror.Entry.added(offset, StoredCampaign.of(LogEntry.campaignId(offset), entry.campaign()), text);
	}

}
