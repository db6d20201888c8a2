package dev.campaignpipe.common;

import java.time.Duration;

/**
 * Exponential backoff for the stages that wait on something outside (a locked file, a
 * database).
 */
public final class Backoff {

	private Backoff() {
	}

	/** Twice {@code current}, but never more than {@code max}. */
	public static Duration doubled(Duration current, Duration max) {
		Duration twice = current.multipliedBy(2);
		return twice.compareTo(max) > 0 ? max : twice;
	}

}
