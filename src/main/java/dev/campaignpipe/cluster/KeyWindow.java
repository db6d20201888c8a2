package dev.campaignpipe.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a sink needs to skip a repeated submission (SPEC §15, {@code Idempotency-Key}):
 * the Idempotency-Keys of the log entries it read lately. An entry is a repeat when an
 * earlier entry with its key lies at most {@link #SPAN} before it in log time; it is not
 * stored, and the entry node that appended it answered with the earlier one's campaign_id
 * ({@link KeyLedger}). Two entries with one key are at most two delivery timeouts apart
 * in the log: an entry node looks the key up, after reading the log to its end, before it
 * appends, so only retries that race each other both reach the log.
 *
 * <p>
 * The rule looks only at the {@link #SPAN} before each entry, so every sink decides the
 * same whatever it read before; keys are kept three spans, so a sink that reads a stretch
 * of the log again after a failure decides it as the first time.
 */
final class KeyWindow {

	/** Far more than two delivery timeouts plus a clock's drift between nodes. */
	static final Duration SPAN = Duration.ofMinutes(10);

	private static final long KEPT_MILLIS = 3 * SPAN.toMillis();

	private record Seen(String key, long offset, long timestamp) {
	}

	/** Per key, the latest entry that was not a repeat. */
	private final Map<String, Seen> first = new HashMap<>();

	private final ArrayDeque<Seen> order = new ArrayDeque<>();

	/**
	 * Whether the record repeats an earlier entry's key; a record that is not a repeat is
	 * remembered. Records are given in log order (an entry read again is no repeat of
	 * itself).
	 */
	boolean isRepeat(ConsumerRecord<byte[], byte[]> record) {
		return isRepeat(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), record.offset(),
				record.timestamp());
	}

	boolean isRepeat(String key, long offset, long timestamp) {
		while (!order.isEmpty() && order.peekFirst().timestamp() < timestamp - KEPT_MILLIS) {
			Seen gone = order.pollFirst();
			first.remove(gone.key(), gone);
		}
		if (key == null) {
			return false;
		}
		Seen earlier = first.get(key);
		if (earlier != null && earlier.offset() == offset) {
			return false; // read again
		}
		if (earlier != null && earlier.offset() < offset && earlier.timestamp() >= timestamp - SPAN.toMillis()) {
			return true;
		}
		if (earlier == null || earlier.offset() < offset) {
			Seen seen = new Seen(key, offset, timestamp);
			first.put(key, seen);
			order.addLast(seen);
		}
		return false;
	}

}
