package dev.campaignpipe.common;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * A stage that runs one loop on a thread of its own for as long as the application runs
 * (record trails, the analytics replica, the cluster's sinks and key ledger). The thread
 * is a daemon, so a stop that cannot finish it never keeps the JVM alive; a stop
 * interrupts it and waits a bounded time. Subclasses give the loop and, where they need
 * them, what must be ready before it starts and what to release after it ended.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

	private final String threadName;

	private final boolean autoStart;

	private final int phase;

	private final Duration stopTimeout;

	private volatile boolean running;

	private volatile Thread thread;

	/**
	 * @param autoStart whether the application starts it (command-line tools start none;
	 * a node of the cluster only its roles' stages)
	 * @param phase its place in the start order: lower starts earlier and stops later
	 * @param stopTimeout how long a stop waits for the loop to end
	 */
	protected BackgroundLoop(String threadName, boolean autoStart, int phase, Duration stopTimeout) {
		this.threadName = threadName;
		this.autoStart = autoStart;
		this.phase = phase;
		this.stopTimeout = stopTimeout;
	}

	/** The loop: returns once {@link #isRunning()} is false or it is interrupted. */
	protected abstract void loop();

	/**
	 * What must be ready before the loop starts, on the starting thread.
	 * @return {@code false} to stay stopped (the stage is switched off or cannot work)
	 */
	protected boolean prepare() {
		return true;
	}

	/** After the loop ended (or the wait for it did): what it used, released. */
	protected void release() {
	}

	@Override
	public final void start() {
		if (!prepare()) {
			return;
		}
		running = true;
		Thread loop = new Thread(this::loop, threadName);
		loop.setDaemon(true);
		loop.start();
		thread = loop;
	}

	@Override
	public final void stop() {
		running = false;
		Thread loop = thread;
		if (loop != null) {
			loop.interrupt();
			try {
				loop.join(stopTimeout.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt(); // the caller's interrupt ends the
													// wait, kept
			}
		}
		release();
	}

	@Override
	public final boolean isRunning() {
		return running;
	}

	@Override
	public final boolean isAutoStartup() {
		return autoStart;
	}

	@Override
	public final int getPhase() {
		return phase;
	}

}
