package dev.campaignpipe.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a sink needs to skip a repeated submission (SPEC §15, {@code Idempotency-Key}):
 * the Idempotency-Keys of the log entries it read in the last {@link #SPAN} of log time
 * and the offset each first appeared at. An entry whose key appeared at an earlier offset
 * is the repeat of that entry and is not stored; the entry node that appended it answered
 * with the earlier one's campaign_id ({@link KeyLedger}). Two entries with one key are at
 * most two delivery timeouts apart in the log: an entry node looks the key up, after
 * reading the log to its end, before it appends, so only retries that race each other
 * both reach the log.
 */
final class KeyWindow {

	/** Far more than two delivery timeouts plus a clock's drift between nodes. */
	static final Duration SPAN = Duration.ofMinutes(10);

	private record Seen(String key, long offset, long timestamp) {
	}

	private final Map<String, Long> first = new HashMap<>();

	private final ArrayDeque<Seen> order = new ArrayDeque<>();

	/**
	 * Whether the record repeats an earlier entry's key; a record seen first is
	 * remembered. Records are given in log order (again after a re-read: an entry is no
	 * repeat of itself).
	 */
	boolean isRepeat(ConsumerRecord<byte[], byte[]> record) {
		return isRepeat(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), record.offset(),
				record.timestamp());
	}

	boolean isRepeat(String key, long offset, long timestamp) {
		long oldest = timestamp - SPAN.toMillis();
		while (!order.isEmpty() && order.peekFirst().timestamp() < oldest) {
			Seen gone = order.pollFirst();
			first.remove(gone.key(), gone.offset());
		}
		if (key == null) {
			return false;
		}
		Long earlier = first.get(key);
		if (earlier != null) {
			return earlier < offset;
		}
		first.put(key, offset);
		order.addLast(new Seen(key, offset, timestamp));
		return false;
	}

}
