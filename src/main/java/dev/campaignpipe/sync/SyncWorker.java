package dev.campaignpipe.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CsvAppended;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Tails campaigns.csv by byte offset into the database (SPEC §7). Wakes when the writer
 * appends, when the file changes on disk (watch service), and at least every poll
 * interval. Each batch and the checkpoint covering it commit in one transaction, so a
 * crash anywhere repeats nothing and skips nothing. While the database is unreachable it
 * backs off and catches up afterwards. The loading is {@link SyncLoop}'s; this is its
 * lifecycle and how far it got: status, backlog, waiting until it has caught up.
 */
@Service
public class SyncWorker implements SmartLifecycle, SyncBacklog {

	private final PipelineProperties.Sync settings;

	private final Path csv;

	private final SyncLoop loop;

	private final FileWatch watch;

	private final boolean autoStart;

	/** Whether this node's database follows its CSV (not a cluster's log). */
	private final boolean mirrorsCsv;

	public SyncWorker(PipelineProperties properties, SyncBatch batch, MeterRegistry meters,
			ApplicationEventPublisher events) {
		this.settings = properties.sync();
		// in cluster mode the database follows the log instead (cluster.LogToDatabase)
		this.mirrorsCsv = settings.enabled() && !properties.clustered();
		this.autoStart = properties.autoStart() && mirrorsCsv;
		this.csv = properties.csvPath();
		ExecutorService preparer = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "db-sync-prepare");
			t.setDaemon(true);
			return t;
		});
		this.loop = new SyncLoop(settings, batch, new SyncRound(csv, batch, settings.batchLines(), preparer),
				meters.counter("pipeline.sync.rows"), events);
		this.watch = new FileWatch(csv, this::wake);
		meters.gauge("pipeline.sync.bytes.behind", this, SyncWorker::bytesBehind);
	}

	@EventListener
	void onAppend(CsvAppended event) {
		wake();
	}

	/** Look at the file now rather than at the next poll. */
	public void wake() {
		loop.wake();
	}

	@Override
	public void start() {
		if (!mirrorsCsv) {
			return;
		}
		watch.start();
		loop.start();
	}

	@Override
	public void stop() {
		watch.stop();
		loop.stop();
	}

	@Override
	public boolean isAutoStartup() {
		return autoStart;
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

	/** After the CSV writer has started (it repairs the file), before the web server. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 3072;
	}

	/**
	 * Waits until every complete line of the CSV is in the database.
	 * @return whether it got there within {@code timeout} (at once when the mirror is
	 * off)
	 */
	public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		if (!mirrorsCsv) {
			return true; // no mirror of the CSV: nothing to wait for
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			SyncStatus s = status();
			if (s.lastError() == null && loop.checkpoint() != null && s.recordsBehind() == 0) {
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
		return loop.isRunning() && loop.lastError() == null && bytesBehind() > BACKLOG_BYTES;
	}

	/**
	 * Bytes of the CSV not yet loaded: one stat, for frequent callers (metrics scrapes).
	 */
	long bytesBehind() {
		return mirrorsCsv ? Backlog.bytes(csv, loop.checkpoint()) : 0;
	}

	/** Why the mirror is not progressing, {@code null} while it is. */
	public String lastError() {
		return loop.lastError();
	}

	public SyncStatus status() {
		Checkpoint c = loop.checkpoint();
		if (!mirrorsCsv) { // nothing to read: the file is not this mirror's source
			return new SyncStatus(false, 0, 0, 0, 0, null, 0, 0, null);
		}
		long behind = Backlog.bytes(csv, c);
		return new SyncStatus(true, behind, Backlog.records(csv, c, behind), c == null ? 0 : c.offset(),
				c == null ? 0 : c.generation(), loop.lastSync(), loop.rowsLoaded(), loop.quarantined(),
				loop.lastError());
	}

}
