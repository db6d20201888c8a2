package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CsvAppended;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.sync.SyncBacklog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Keeps the Power BI export folder current (SPEC §8): after a change to campaigns.csv —
 * an append by the writer, or an edit noticed by size or time — it waits the debounce
 * time, then writes the flat file and the star schema. A locked target (Power BI
 * refreshing, a file made read-only) is retried with backoff until it succeeds; nothing
 * is ever deleted and re-created.
 */
@Service
public class PowerBiExporter implements SmartLifecycle, ApplicationEventPublisherAware {

	private static final Logger log = LoggerFactory.getLogger(PowerBiExporter.class);

	private final PipelineProperties.PowerBi settings;

	private final Path csv;

	private final ExportWriter files;

	private final ExportHealth health;

	private final CsvEditWatch edits = new CsvEditWatch();

	private final SyncBacklog sync;

	private final boolean autoStart;

	private final AtomicBoolean pending = new AtomicBoolean();

	private ScheduledExecutorService scheduler;

	/** When the export first waited for the current database backlog. */
	private Instant yieldingSince;

	private ApplicationEventPublisher events;

	public PowerBiExporter(PipelineProperties properties, LineConverter converter, Categories categories,
			SyncBacklog sync) {
		this.sync = sync;
		this.settings = properties.powerbi();
		// a node of a cluster plays only its roles (SPEC §15)
		this.autoStart = properties.autoStart() && properties.runs(PipelineProperties.Role.EXPORT);
		this.csv = properties.csvPath();
		this.files = new ExportWriter(properties, converter, categories);
		this.health = new ExportHealth(settings, properties.powerbiExportDir());
	}

	/**
	 * Spring's, to announce each export; none where a test builds the exporter itself.
	 */
	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	@EventListener
	void onAppend(CsvAppended event) {
		changed();
	}

	/** Schedules an export after the debounce time, unless one is already due. */
	public void changed() {
		if (scheduler != null && !scheduler.isShutdown() && pending.compareAndSet(false, true)) {
			try {
				// a large export (a big CSV copied and fsync'd) must not occupy the
				// machine: wait at least five times as long as the last one took
				long delay = Math.max(settings.debounce().toMillis(), 5 * health.lastDurationMillis());
				scheduler.schedule(this::exportWhenDue, delay, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				pending.set(false); // shutting down
			}
		}
	}

	/**
	 * Exports, unless the database mirror is loading a bulk backlog: then the two would
	 * share the cores and each take twice as long, so the export waits (at most
	 * yield-to-sync-max) and runs once afterwards, on the whole batch.
	 */
	private void exportWhenDue() {
		Instant now = Instant.now();
		if (sync.loadingBacklog() && (yieldingSince == null
				|| Duration.between(yieldingSince, now).compareTo(settings.yieldToSyncMax()) < 0)) {
			yieldingSince = yieldingSince == null ? now : yieldingSince;
			try {
				scheduler.schedule(this::exportWhenDue, settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			catch (RejectedExecutionException ex) {
				// shutting down: export now
			}
		}
		yieldingSince = null;
		export();
	}

	@Override
	public void start() {
		if (!settings.enabled()) {
			return;
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
			Thread t = new Thread(r, "powerbi-export");
			t.setDaemon(true);
			return t;
		});
		// at stop, an export that is only scheduled (up to 5x the last one's duration
		// ahead) is dropped rather than waited for — the next start exports; one in
		// progress still finishes
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		scheduler = executor;
		// edits by other programs (Excel saving the CSV) have no event: notice them by
		// size and time
		scheduler.scheduleWithFixedDelay(this::lookForEdits, 0, settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Lets an export in progress finish (an interrupted one would only leave its
	 * temporary files); one merely scheduled is dropped: a change not yet exported is
	 * exported at the next start.
	 */
	@Override
	public void stop() {
		if (scheduler != null) {
			scheduler.shutdown();
			try {
				scheduler.awaitTermination(30, TimeUnit.SECONDS);
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
		return scheduler != null && !scheduler.isShutdown();
	}

	/** Whether {@link #stop()} has finished everything: no export running or waiting. */
	boolean isTerminated() {
		return scheduler == null || scheduler.isTerminated();
	}

	private void lookForEdits() {
		try {
			if (!Files.exists(csv)) {
				return;
			}
			if (edits.changed(CsvEditWatch.Stamp.of(csv), !Files.exists(files.flatFile()))) {
				changed();
			}
		}
		catch (IOException ex) {
			// looked again at the next tick
		}
		catch (RuntimeException ex) {
			// a repeating task that throws is never run again: edits would go unnoticed
			log.warn("looking for edits of {}: {}", csv, ex.toString());
		}
	}

	/** Exports now, in the caller's thread (the import command, before it exits). */
	public void exportNow() {
		export();
	}

	/**
	 * One export of the whole set; on failure, the next attempt is scheduled with
	 * backoff.
	 */
	synchronized void export() {
		pending.set(false);
		if (!Files.exists(csv)) {
			return;
		}
		long started = System.nanoTime();
		Instant startedAt = Instant.now();
		boolean written = false;
		try {
			long records = files.write();
			health.succeeded(records, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			written = true;
		}
		catch (IOException | RuntimeException ex) {
			Duration retry = health.failed(ex);
			if (scheduler != null && pending.compareAndSet(false, true) && !scheduler.isShutdown()) {
				scheduler.schedule(this::export, retry.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		if (written && events != null) {
			try { // outside the export's own try: a listener's trouble is no failed
					// export
				events.publishEvent(new ExportWritten(startedAt, Instant.now()));
			}
			catch (RuntimeException ex) {
				log.warn("a listener of exports failed: {}", ex.toString());
			}
		}
	}

	public ExportStatus status() {
		return health.status();
	}

}
