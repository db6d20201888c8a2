package dev.campaignpipe.sync;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;

/**
 * The db-sync thread: round after round loads what the CSV gained since the checkpoint,
 * then waits to be woken or for the poll interval. While the database is unreachable it
 * backs off and catches up afterwards. Keeps where it got to for {@link SyncWorker}'s
 * status.
 */
final class SyncLoop {

	private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

	private final PipelineProperties.Sync settings;

	private final SyncBatch batch;

	private final SyncRound round;

	private final Counter loaded;

	private final Semaphore wake = new Semaphore(0);

	/**
	 * How often an idle sync reads its checkpoint back: a database that went away shows
	 * (status, banner, readiness) within seconds, not with the next record.
	 */
	static final Duration IDLE_CHECK = Duration.ofSeconds(5);

	private volatile boolean running;

	/** When the database last answered this loop (its thread's only). */
	private Instant lastContact = Instant.EPOCH;

	private volatile Thread thread;

	private volatile Checkpoint checkpoint;

	private volatile Instant lastSync;

	private volatile String lastError;

	private final ApplicationEventPublisher events;

	SyncLoop(PipelineProperties.Sync settings, SyncBatch batch, SyncRound round, Counter loaded,
			ApplicationEventPublisher events) {
		this.events = events;
		this.settings = settings;
		this.batch = batch;
		this.round = round;
		this.loaded = loaded;
	}

	/** Look at the file now rather than at the next poll. */
	void wake() {
		if (wake.availablePermits() == 0) {
			wake.release();
		}
	}

	void start() {
		running = true;
		thread = new Thread(this::run, "db-sync");
		thread.setDaemon(true);
		thread.start();
	}

	/** Ends the thread, waiting up to 10 s for a round in progress. */
	void stop() {
		running = false;
		wake();
		Thread t = thread;
		if (t != null) {
			try {
				t.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	boolean isRunning() {
		return running;
	}

	private void run() {
		Duration backoff = Duration.ofMillis(500);
		while (running) {
			try {
				if (checkpoint == null) {
					SyncBatch.Outcome stored = batch.stored();
					checkpoint = stored.checkpoint();
					lastContact = Instant.now();
				}
				coalesce();
				boolean more = syncOnce();
				if (lastError != null) {
					log.info("database sync resumed");
				}
				lastError = null;
				backoff = Duration.ofMillis(500);
				if (!more) {
					wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
					if (Duration.between(lastContact, Instant.now()).compareTo(IDLE_CHECK) >= 0) {
						checkpoint = null; // read back next round: asks the database
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (CheckpointMovedException ex) {
				log.warn("database sync: {}; reading the checkpoint again and loading from there", ex.getMessage());
				checkpoint = null;
			}
			catch (IOException | RuntimeException ex) {
				if (lastError == null) {
					log.warn("database sync paused, retrying with backoff: {}", ex.toString());
				}
				lastError = ex instanceof DataAccessException ? "database unavailable: " + rootMessage(ex)
						: ex instanceof IllegalStateException ? ex.getMessage() : ex.toString();
				// reload: the failed transaction may or may not have committed
				checkpoint = null;
				// appends do not cut a backoff short; stop() does
				Backoff.sleep(backoff, () -> running);
				backoff = Backoff.doubled(backoff, settings.retryMax());
			}
		}
	}

	/**
	 * Lets appends accumulate for a moment after the last load, so a stream of small
	 * writer batches becomes a few larger transactions instead of one per batch.
	 */
	private void coalesce() throws InterruptedException {
		Instant last = lastSync;
		if (last != null) {
			long wait = settings.minInterval().toMillis() - Duration.between(last, Instant.now()).toMillis();
			if (wait > 0) {
				Thread.sleep(wait);
			}
		}
	}

	/**
	 * @return whether more complete lines are waiting
	 */
	private boolean syncOnce() throws IOException {
		return round.run(checkpoint, outcome -> {
			MirrorPosition from = MirrorPosition.of(checkpoint);
			checkpoint = outcome.checkpoint();
			lastSync = Instant.now();
			lastContact = lastSync;
			loaded.increment(outcome.rows());
			// copies of the mirror (the analytics replica) follow it from here, in order
			events.publishEvent(new MirrorChanged(from, MirrorPosition.of(outcome.checkpoint()), outcome.inserted(),
					outcome.updated()));
		});
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	/**
	 * The checkpoint the database holds as last read or committed; {@code null} before
	 * the first read and after a failure, until it is read again.
	 */
	Checkpoint checkpoint() {
		return checkpoint;
	}

	Instant lastSync() {
		return lastSync;
	}

	/** Why the mirror is not progressing, {@code null} while it is. */
	String lastError() {
		return lastError;
	}

	/** Open quarantined lines: counted by each batch, less those resolved since. */
	long quarantined() {
		return batch.openQuarantine();
	}

	long rowsLoaded() {
		return (long) loaded.count();
	}

}
