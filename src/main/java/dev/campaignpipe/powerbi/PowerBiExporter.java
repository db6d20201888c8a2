package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.CsvAppended;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.sync.SyncBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
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
public class PowerBiExporter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PowerBiExporter.class);

	private final PipelineProperties.PowerBi settings;

	private final Path csv;

	private final Path folder;

	private final StarExport star;

	private final AtomicBoolean pending = new AtomicBoolean();

	private final boolean autoStart;

	private ScheduledExecutorService scheduler;

	private volatile Instant lastExport;

	private volatile long lastExportRows;

	private volatile String lastError;

	private volatile Instant failingSince;

	private Duration retry;

	private volatile long lastDurationMillis;

	private long seenSize = -1;

	private long seenModified = -1;

	private final SyncBacklog sync;

	/** When the export first waited for the current database backlog. */
	private Instant yieldingSince;

	public PowerBiExporter(PipelineProperties properties, LineConverter converter, Categories categories,
			SyncBacklog sync) {
		this.sync = sync;
		this.settings = properties.powerbi();
		this.autoStart = properties.autoStart();
		this.csv = properties.csvPath();
		this.folder = properties.powerbiExportDir();
		this.star = new StarExport(csv, properties.stateDir(), converter, categories);
		this.retry = settings.debounce();
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
				// machine: wait at
				// least five times as long as the last one took
				long delay = Math.max(settings.debounce().toMillis(), 5 * lastDurationMillis);
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
		// ahead) is dropped
		// rather than waited for — the next start exports; one in progress still finishes
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
			long size = Files.size(csv);
			long modified = Files.getLastModifiedTime(csv).toMillis();
			boolean missing = !Files.exists(folder.resolve(settings.fileName()));
			if (size != seenSize || modified != seenModified || missing) {
				seenSize = size;
				seenModified = modified;
				changed();
			}
		}
		catch (IOException ex) {
			// looked again at the next tick
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
		try {
			Files.createDirectories(folder);
			AtomicFile.replace(folder.resolve(settings.fileName()), FlatExport.of(csv, settings.header()));
			long records = settings.starSchema() ? star.write(folder) : -1;
			writePbids();
			lastExport = Instant.now();
			lastExportRows = records;
			lastDurationMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			if (lastError != null) {
				log.info("Power BI export to {} works again", folder);
			}
			lastError = null;
			failingSince = null;
			retry = settings.debounce();
		}
		catch (IOException | RuntimeException ex) {
			if (lastError == null) {
				log.warn("Power BI export to {} failed, retrying: {}", folder, ex.toString());
				failingSince = Instant.now();
			}
			lastError = ex.toString();
			retry = Backoff.doubled(retry, settings.retryMax());
			if (scheduler != null && pending.compareAndSet(false, true) && !scheduler.isShutdown()) {
				scheduler.schedule(this::export, retry.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	/**
	 * The .pbids document (Power BI's data source file format), in the field order Power
	 * BI writes.
	 */
	private record Pbids(String version, List<PbidsConnection> connections) {
	}

	private record PbidsConnection(PbidsDetails details, Map<String, Object> options, String mode) {
	}

	private record PbidsDetails(String protocol, PbidsAddress address) {
	}

	private record PbidsAddress(String path) {
	}

	private static final JsonMapper PBIDS_JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	/**
	 * A Power BI connection file beside the export: double-click opens Power BI on the
	 * flat file.
	 */
	private void writePbids() throws IOException {
		Path target = folder.resolve("campaign-pipeline.pbids");
		String path = folder.resolve(settings.fileName()).toAbsolutePath().toString();
		String json = PBIDS_JSON.writeValueAsString(new Pbids("0.1",
				List.of(new PbidsConnection(new PbidsDetails("file", new PbidsAddress(path)), Map.of(), null))));
		if (!Files.exists(target) || !Files.readString(target).equals(json)) {
			AtomicFile.replace(target, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
		}
	}

	public ExportStatus status() {
		return new ExportStatus(settings.enabled(), folder.toAbsolutePath().toString(), settings.fileName(), lastExport,
				lastExportRows, lastError, failingSince);
	}

}
