package dev.campaignpipe.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sink's memory of Idempotency-Keys: the second entry with a key is a repeat, the first
 * is not (also when read again), entries without a key never are, and keys older than the
 * span are forgotten.
 */
class KeyWindowTests {

	private static final long T = 1_764_000_000_000L;

	@Test
	void theFirstEntryWithAKeyIsStoredAndALaterOneIsItsRepeat() {
		KeyWindow window = new KeyWindow();
		assertThat(window.isRepeat("k1", 10, T)).isFalse();
		assertThat(window.isRepeat(null, 11, T)).isFalse();
		assertThat(window.isRepeat("k2", 12, T)).isFalse();
		assertThat(window.isRepeat("k1", 14, T + 3_000)).as("a retry that raced into the log").isTrue();
		assertThat(window.isRepeat(null, 15, T + 3_000)).isFalse();
	}

	@Test
	void anEntryReadAgainAfterAFailureIsNoRepeatOfItself() {
		KeyWindow window = new KeyWindow();
		assertThat(window.isRepeat("k1", 10, T)).isFalse();
		assertThat(window.isRepeat("k1", 14, T)).isTrue();
		// the sink failed and reads from offset 10 again
		assertThat(window.isRepeat("k1", 10, T)).isFalse();
		assertThat(window.isRepeat("k1", 14, T)).isTrue();
	}

	@Test
	void keysOlderThanTheSpanAreForgotten() {
		KeyWindow window = new KeyWindow();
		assertThat(window.isRepeat("k1", 10, T)).isFalse();
		long later = T + KeyWindow.SPAN.toMillis() + 1;
		assertThat(window.isRepeat("k1", 900, later))
			.as("two entries this far apart are no racing retries: an entry node would have found the first")
			.isFalse();
		assertThat(window.isRepeat("k1", 901, later)).isTrue();
	}

	@Test
	void aStretchReadAgainAfterLaterEntriesIsDecidedAsTheFirstTime() {
		KeyWindow window = new KeyWindow();
		assertThat(window.isRepeat("k1", 10, T)).isFalse();
		assertThat(window.isRepeat("k1", 14, T + 1_000)).isTrue();
		// the same poll went on for a quarter of an hour of log time, then its write
		// failed
		assertThat(window.isRepeat("k9", 5_000, T + KeyWindow.SPAN.toMillis() + 300_000)).isFalse();
		// read again from offset 12
		assertThat(window.isRepeat("k1", 14, T + 1_000)).as("still the repeat it was").isTrue();
		assertThat(window.isRepeat("k9", 5_000, T + KeyWindow.SPAN.toMillis() + 300_000)).isFalse();
	}

}
