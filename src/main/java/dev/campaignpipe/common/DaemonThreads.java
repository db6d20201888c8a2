package dev.campaignpipe.common;

import java.time.Duration;

/**
 * The background threads of the stages that loop on their own (trail, analytics replica,
 * cluster sinks and key ledger): started as daemons, so a stop that cannot finish them
 * never keeps the JVM alive, and stopped by an interrupt and a bounded wait.
 */
public final class DaemonThreads {

	private DaemonThreads() {
	}

	/** Starts {@code body} on a new daemon thread called {@code name}. */
	public static Thread start(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * Interrupts {@code thread} (if any) and waits up to {@code timeout} for it to end;
	 * an interrupt of the caller ends the wait and is kept.
	 */
	public static void stop(Thread thread, Duration timeout) {
		if (thread == null) {
			return;
		}
		thread.interrupt();
		try {
			thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
