package dev.campaignpipe.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CsvAppended;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Tails campaigns.csv by byte offset into the database (SPEC §7). Wakes when the writer
 * appends, when the file changes on disk (watch service), and at least every poll
 * interval. Each batch and the checkpoint covering it commit in one transaction, so a
 * crash anywhere repeats nothing and skips nothing. While the database is unreachable it
 * backs off and catches up afterwards.
 */
@Service
public class SyncWorker implements SmartLifecycle, SyncBacklog {

	private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

	private final PipelineProperties.Sync settings;

	private final Path csv;

	private final SyncBatch batch;

	private final SyncRound round;

	private final Semaphore wake = new Semaphore(0);

	private final Counter loaded;

	private final FileWatch watch;

	private volatile boolean running;

	private final boolean autoStart;

	private volatile Thread thread;

	private volatile Checkpoint checkpoint;

	private volatile Instant lastSync;

	private volatile String lastError;

	private volatile long quarantined;

	private final ApplicationEventPublisher events;

	public SyncWorker(PipelineProperties properties, SyncBatch batch, MeterRegistry meters,
			ApplicationEventPublisher events) {
		this.events = events;
		this.settings = properties.sync();
		this.autoStart = properties.autoStart();
		this.csv = properties.csvPath();
		this.batch = batch;
		ExecutorService preparer = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "db-sync-prepare");
			t.setDaemon(true);
			return t;
		});
		this.round = new SyncRound(csv, batch, settings.batchLines(), preparer);
		this.loaded = meters.counter("pipeline.sync.rows");
		this.watch = new FileWatch(csv, this::wake);
		meters.gauge("pipeline.sync.bytes.behind", this, SyncWorker::bytesBehind);
	}

	@EventListener
	void onAppend(CsvAppended event) {
		wake();
	}

	/** Look at the file now rather than at the next poll. */
	public void wake() {
		if (wake.availablePermits() == 0) {
			wake.release();
		}
	}

	@Override
	public void start() {
		if (!settings.enabled()) {
			return;
		}
		running = true;
		watch.start();
		thread = new Thread(this::run, "db-sync");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		watch.stop();
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

	@Override
	public boolean isAutoStartup() {
		return autoStart;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** After the CSV writer has started (it repairs the file), before the web server. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 3072;
	}

	private void run() {
		Duration backoff = Duration.ofMillis(500);
		while (running) {
			try {
				if (checkpoint == null) {
					SyncBatch.Outcome stored = batch.stored();
					checkpoint = stored.checkpoint();
					quarantined = stored.quarantineCount();
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
						: ex.toString();
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
			checkpoint = outcome.checkpoint();
			quarantined = outcome.quarantineCount();
			lastSync = Instant.now();
			loaded.increment(outcome.rows());
			// copies of the mirror (the analytics replica) follow it from here, in order
			events.publishEvent(new MirrorChanged(MirrorPosition.of(outcome.checkpoint()), outcome.upserted()));
		});
	}

	/**
	 * Waits until every complete line of the CSV is in the database.
	 * @return whether it got there within {@code timeout} (at once when the mirror is
	 * off)
	 */
	public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		if (!settings.enabled()) {
			return true; // no mirror: nothing to wait for
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			SyncStatus s = status();
			if (s.lastError() == null && checkpoint != null && s.recordsBehind() == 0) {
				return true;
			}
			wake();
			Thread.sleep(100);
		}
		return false;
	}

	/**
	 * More than this many bytes behind (about 15,000 records) is a bulk load, not a
	 * trickle.
	 */
	private static final long BACKLOG_BYTES = 4 * 1024 * 1024;

	@Override
	public boolean loadingBacklog() {
		return running && lastError == null && bytesBehind() > BACKLOG_BYTES;
	}

	/**
	 * Bytes of the CSV not yet loaded: one stat, for frequent callers (metrics scrapes).
	 */
	long bytesBehind() {
		return Backlog.bytes(csv, checkpoint);
	}

	/** Why the mirror is not progressing, {@code null} while it is. */
	public String lastError() {
		return lastError;
	}

	public SyncStatus status() {
		Checkpoint c = checkpoint;
		long behind = Backlog.bytes(csv, c);
		return new SyncStatus(settings.enabled(), behind, Backlog.records(csv, c, behind), c == null ? 0 : c.offset(),
				c == null ? 0 : c.generation(), lastSync, (long) loaded.count(), quarantined, lastError);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
