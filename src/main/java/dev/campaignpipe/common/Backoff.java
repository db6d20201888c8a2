package dev.campaignpipe.common;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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

	/**
	 * Waits {@code duration}, or less once {@code going} turns false (a stop), checking
	 * it every 100 ms. Unlike a semaphore wait, nothing else cuts it short.
	 */
	public static void sleep(Duration duration, BooleanSupplier going) {
		long end = System.nanoTime() + duration.toNanos();
		try {
			while (going.getAsBoolean() && System.nanoTime() < end) {
				Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
