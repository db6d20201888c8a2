package dev.campaignpipe.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CsvAppended;
import dev.campaignpipe.csvfile.CsvTail;
import dev.campaignpipe.csvfile.FileFingerprint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private final CampaignTable table;

	private final Semaphore wake = new Semaphore(0);

	private final Counter loaded;

	private final FileWatch watch;

	/** Prepares the next chunk while the current one commits. */
	private final ExecutorService converter = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "db-sync-prepare");
		t.setDaemon(true);
		return t;
	});

	private volatile boolean running;

	private final boolean autoStart;

	private volatile Thread thread;

	private volatile Checkpoint checkpoint;

	private volatile Instant lastSync;

	private volatile String lastError;

	private volatile long quarantined;

	public SyncWorker(PipelineProperties properties, CampaignTable table, SyncBatch batch, MeterRegistry meters) {
		this.settings = properties.sync();
		this.autoStart = properties.autoStart();
		this.csv = properties.csvPath();
		this.table = table;
		this.batch = batch;
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
					checkpoint = table.loadCheckpoint();
					quarantined = table.quarantineCount();
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
				checkpoint = null; // reload: the failed transaction may or may not have
									// committed
				sleep(backoff);
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
	boolean syncOnce() throws IOException {
		if (!Files.exists(csv)) {
			return false;
		}
		Checkpoint current = checkpoint;
		String fileKey = FileFingerprint.fileKey(csv);
		long size = Files.size(csv);
		boolean rescan = current.offset() > 0 && !FileFingerprint.matches(csv, current.mark(), fileKey, size);
		if (rescan) {
			log.info("{} was replaced or rewritten: reading it again from the start", csv);
			current = new Checkpoint(fileKey, "", "", current.generation() + 1, 0, 0);
		}
		if (!rescan && size <= current.offset()) {
			return false;
		}
		SyncBatch.Prepared prepared = batch.prepare(csv, current, fileKey, settings.batchLines());
		boolean newReading = rescan;
		while (prepared != null) {
			SyncBatch.Prepared committing = prepared;
			// catching up: read and convert the next chunk while this one is written
			CompletableFuture<SyncBatch.Prepared> ahead = committing.next().offset() < Files.size(csv)
					? CompletableFuture.supplyAsync(() -> prepareQuietly(committing.next(), fileKey), converter)
					: CompletableFuture.completedFuture(null);
			SyncBatch.Outcome outcome;
			try {
				outcome = batch.commit(committing, newReading, checkpoint);
			}
			catch (RuntimeException ex) {
				ahead.cancel(false);
				throw ex;
			}
			newReading = false;
			checkpoint = outcome.checkpoint();
			quarantined = outcome.quarantineCount();
			lastSync = Instant.now();
			loaded.increment(outcome.rows());
			prepared = ahead.join();
			if (prepared != null && !checkpoint.mark().matches(csv)) {
				return true; // replaced meanwhile: the next round notices and reads it
								// again
			}
		}
		return checkpoint.offset() < Files.size(csv);
	}

	private SyncBatch.Prepared prepareQuietly(Checkpoint from, String fileKey) {
		try {
			return batch.prepare(csv, from, fileKey, settings.batchLines());
		}
		catch (IOException ex) {
			return null; // the next round retries from the committed checkpoint
		}
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
		return bytesBehind(checkpoint);
	}

	private long bytesBehind(Checkpoint c) {
		try {
			return Math.max(0, Files.size(csv) - (c == null ? 0 : c.offset()));
		}
		catch (IOException ex) {
			return 0; // not written yet
		}
	}

	/** Why the mirror is not progressing, {@code null} while it is. */
	public String lastError() {
		return lastError;
	}

	public SyncStatus status() {
		Checkpoint c = checkpoint;
		long offset = c == null ? 0 : c.offset();
		long behind = bytesBehind(c);
		long records = 0;
		try {
			// exact for a small backlog; beyond that estimated from the average line
			// length so far,
			// because status is polled often and must not scan megabytes each time
			long limit = 1024 * 1024;
			long averageLine = c != null && c.lineNumber() > 1 ? Math.max(1, offset / c.lineNumber()) : 250;
			records = behind <= limit ? CsvTail.countLines(csv, offset, limit) : behind / averageLine;
		}
		catch (NoSuchFileException ex) {
			// nothing written yet
		}
		catch (IOException ex) {
			// status is best effort
		}
		return new SyncStatus(settings.enabled(), behind, records, offset, c == null ? 0 : c.generation(), lastSync,
				(long) loaded.count(), quarantined, lastError);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	/** Backoff that appends do not cut short; stop() does. */
	private void sleep(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		try {
			while (running && System.nanoTime() < end) {
				Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
