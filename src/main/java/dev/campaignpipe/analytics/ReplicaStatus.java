package dev.campaignpipe.analytics;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the analytics replica stands ({@code GET /api/analytics/status}).
 *
 * @param progress of a build, 0 to 1; 1 when ready
 * @param records records the replica holds (the old set while a build runs)
 * @param message why it is unavailable or what it is doing; {@code null} when ready
 */
record ReplicaStatus(State state, double progress, long records, String message) {

	enum State {

		/**
		 * Being built from the mirror: at start-up after a change it missed, or after the
		 * CSV was replaced.
		 */
		WARMING,
		/** Answering, current with the mirror. */
		READY,
		/** Cannot answer: the engine could not load, or the replica is switched off. */
		UNAVAILABLE;

		@JsonValue
		String json() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
