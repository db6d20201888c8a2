package dev.campaignpipe.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.config.PipelineProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The queue and its single writer thread (SPEC §6). Submitters enqueue and wait; the
 * writer drains whatever is waiting as one batch and hands it to {@link DurableWrites},
 * which appends, fsyncs, and only then completes every request of the batch (group
 * commit). While the CSV cannot be opened, batches go to the spool and move into the CSV,
 * in id order and exactly once, when it opens again.
 */
@Service
public class CsvWriterService implements CampaignQueue, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CsvWriterService.class);

	private final PipelineProperties.Csv settings;

	private final boolean autoStart;

	private final DataFolderLock lock;

	private final CsvFile csv;

	private final Spool spool;

	private final IdSequence ids;

	private final BlockingQueue<Submission> queue;

	/**
	 * Cluster mode: groups of records read from the log, each written as one batch (all
	 * durable or none), instead of {@link #queue}.
	 */
	private final BlockingQueue<List<Submission>> fromLog = new ArrayBlockingQueue<>(2);

	/** Cluster mode: records come only from the log ({@link #appendFromLog}). */
	private final boolean logFed;

	/**
	 * The highest id in the CSV's last lines and the spool when the writer started; -1
	 * before, or when they could not be read.
	 */
	private volatile long lastIdInFiles = -1;

	private final RecentReceipts recent = new RecentReceipts(10_000);

	private final WriterHealth health;

	private final DurableWrites writes;

	private final Restatements restatements;

	private final ConcurrentLinkedQueue<Restatement> restated = new ConcurrentLinkedQueue<>();

	private final ApplicationEventPublisher events;

	/** Restatements wait in their file (writer thread only). */
	private boolean restatementsWaiting;

	/** When waiting restatements are tried again (writer thread only). */
	private long nextRestatementTry;

	/** Tries that found the CSV locked in a row (writer thread only). */
	private int restatementFailures;

	private volatile boolean running;

	private volatile Thread writer;

	@Autowired
	public CsvWriterService(PipelineProperties properties, MeterRegistry meters, ApplicationEventPublisher events) {
		this(properties, meters, CsvFile.DEFAULT_OPENER, Spool.DEFAULT_OPENER, events);
	}

	/**
	 * Tests pass openers that simulate a locked file or a disk that fills up mid-write.
	 */
	CsvWriterService(PipelineProperties properties, MeterRegistry meters, CsvFile.Opener opener,
			CsvFile.Opener spoolOpener, ApplicationEventPublisher events) {
		this.settings = properties.csv();
		this.logFed = properties.clustered();
		// a node of a cluster plays only its roles (SPEC §15)
		this.autoStart = properties.autoStart() && properties.runs(PipelineProperties.Role.CSV);
		this.lock = new DataFolderLock(properties.stateDir().resolve("writer.lock"), properties.csvPath());
		this.csv = new CsvFile(properties.csvPath(), opener);
		this.spool = new Spool(properties.stateDir().resolve("spool.csv"), spoolOpener);
		this.ids = new IdSequence(properties.stateDir().resolve("last-id"));
		this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
		this.health = new WriterHealth(settings, properties.csvPath());
		WriterMetrics metrics = new WriterMetrics(meters, queue, spool, health);
		this.writes = new DurableWrites(csv, spool, ids, health, metrics, recent, events,
				new FullDiskProbe(csv, spool, health, properties.stateDir().resolve("write-probe")));
		this.restatements = new Restatements(properties.stateDir().resolve("restatements.csv"), properties.csvPath());
		this.events = events;
	}

	/** Records of the CSV to replace by id, and who waits for them to be durable. */
	private record Restatement(Map<Long, Campaign> changes, CompletableFuture<Integer> done) {
	}

	/**
	 * {@inheritDoc} The future completes once the restatements are fsync'd in
	 * {@code state/restatements.csv}; they are in the CSV by then unless it is locked or
	 * records wait in the spool, and reach it when it opens.
	 */
	@Override
	public CompletableFuture<Integer> restate(Map<Long, Campaign> changes) {
		if (!running) {
			return CompletableFuture.failedFuture(new PipelineUnavailableException(
					"the pipeline is not running (starting up or shutting down)", null));
		}
		Restatement restatement = new Restatement(Map.copyOf(changes), new CompletableFuture<>());
		restated.add(restatement);
		return restatement.done();
	}

	@Override
	public Receipt submit(Campaign campaign) {
		return submit(campaign, Source.API);
	}

	@Override
	public Receipt submit(Campaign campaign, Source source) {
		return CampaignQueue.awaitAcknowledged(submitAsync(campaign, null, 0, source),
				settings.ackTimeout().toMillis());
	}

	@Override
	public CompletableFuture<Receipt> submitAsync(Campaign campaign, Long requestedId, long verifiedFreeUpTo) {
		return submitAsync(campaign, requestedId, verifiedFreeUpTo, Source.API);
	}

	@Override
	public CompletableFuture<Receipt> submitAsync(Campaign campaign, Long requestedId, long verifiedFreeUpTo,
			Source source) {
		if (!running) {
			return CompletableFuture.failedFuture(new PipelineUnavailableException(
					"the pipeline is not running (starting up or shutting down)", null));
		}
		Submission submission = new Submission(campaign, requestedId, verifiedFreeUpTo, source,
				new CompletableFuture<>());
		long timeout = settings.ackTimeout().toMillis();
		try {
			if (!queue.offer(submission, timeout, TimeUnit.MILLISECONDS)) {
				return CompletableFuture.failedFuture(
						new PipelineUnavailableException("the write queue stayed full for " + timeout + " ms", null));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableFuture.failedFuture(new PipelineUnavailableException("interrupted while queueing", ex));
		}
		return submission.future();
	}

	@Override
	public long lastId() {
		return ids.last();
	}

	/**
	 * Cluster mode (SPEC §15): appends records that already have their ids from the log,
	 * in this order, as one batch: the future completes when all are durable (CSV or
	 * spool) and fails if none is. The caller, which reads the log in order from
	 * {@link #lastIdInFiles()}, is the only one that hands out ids here, so an id at or
	 * below the last one handed out is one a failed write gave up and is taken again.
	 */
	public CompletableFuture<Location> appendFromLog(List<StoredCampaign> records, List<Source> sources) {
		if (!running || !logFed) {
			return CompletableFuture.failedFuture(
					new PipelineUnavailableException(running ? "records come from the log only in cluster mode"
							: "the CSV writer is not running (starting up or shutting down)", null));
		}
		List<Submission> group = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			long id = records.get(i).id();
			group.add(new Submission(records.get(i).campaign(), id, id, sources.get(i), new CompletableFuture<>()));
		}
		try {
			if (!fromLog.offer(group, settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				return CompletableFuture
					.failedFuture(new PipelineUnavailableException("the CSV writer stayed busy", null));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableFuture.failedFuture(new PipelineUnavailableException("interrupted while queueing", ex));
		}
		CompletableFuture<?>[] futures = group.stream().map(Submission::future).toArray(CompletableFuture[]::new);
		return CompletableFuture.allOf(futures).thenApply(done -> group.get(0).future().join().location());
	}

	/**
	 * The highest id in the CSV's last complete lines and the spool as the writer found
	 * them at start: where a writer fed from the log resumes. -1 before the writer has
	 * started, or when the files could not be read.
	 */
	public long lastIdInFiles() {
		return lastIdInFiles;
	}

	public WriterStatus status() {
		return new WriterStatus(queue.size(), spool.size(), health.lockedSince() != null, health.lockedSince(),
				health.lastError(), health.refusingSince(), ids.last(), csv.path().toString());
	}

	/**
	 * The CSV lines of the records waiting in the spool (acknowledged, in neither the CSV
	 * nor the database yet), for an import that must know every stored record.
	 */
	public List<String> spooledLines() throws IOException {
		return spool.isEmpty() ? List.of() : spool.rowsInIdOrder();
	}

	/** Where a record is, if this writer knows: the spool, or the CSV for recent ids. */
	public Optional<Receipt> locate(long id) {
		Location location = spool.ids().contains(id) ? Location.SPOOL : Location.CSV;
		return recent.get(id).map(r -> new Receipt(r.stored(), location));
	}

	@Override
	public void start() {
		lock.take();
		try {
			lastIdInFiles = writes.recover();
		}
		catch (IOException ex) {
			health.locked(ex); // e.g. the CSV is locked at start-up: spool until it opens
		}
		restatementsWaiting = restatements.waiting();
		running = true;
		writer = new Thread(this::run, "csv-writer");
		writer.start();
		log.info("CSV writer started on {} (next campaign_id {}, {} records waiting in the spool)", csv.path(),
				ids.last() + 1, spool.size());
	}

	/** Drains the queue, then stops: every record accepted before shutdown is written. */
	@Override
	public void stop() {
		running = false;
		Thread thread = writer;
		if (thread != null) {
			try {
				thread.join(settings.ackTimeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		List<Submission> late = new ArrayList<>();
		queue.drainTo(late);
		for (List<Submission> group = fromLog.poll(); group != null; group = fromLog.poll()) {
			late.addAll(group);
		}
		late.forEach(p -> p.future().completeExceptionally(new IOException("shutting down")));
		for (Restatement restatement = restated.poll(); restatement != null; restatement = restated.poll()) {
			restatement.done().completeExceptionally(new IOException("shutting down"));
		}
		if (thread == null || !thread.isAlive()) {
			ids.close(); // only the writer thread writes the mark
		}
		lock.release();
	}

	@Override
	public boolean isAutoStartup() {
		return autoStart;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Start before and stop after the web server, so requests in flight at shutdown are
	 * still written.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/**
	 * Makes new restatements durable, then writes waiting ones into the CSV once it is
	 * writable and the spool is empty (the spool moves first: the CSV stays in id order).
	 */
	private void restate() {
		for (Restatement next = restated.poll(); next != null; next = restated.poll()) {
			try {
				restatements.add(next.changes());
				restatementsWaiting |= !next.changes().isEmpty();
				nextRestatementTry = 0;
				restatementFailures = 0;
				applyRestatements();
				next.done().complete(next.changes().size());
			}
			catch (IOException | RuntimeException ex) {
				next.done().completeExceptionally(ex);
			}
		}
		if (restatementsWaiting && System.nanoTime() - nextRestatementTry >= 0) {
			applyRestatements();
		}
	}

	private void applyRestatements() {
		if (!restatementsWaiting || !spool.isEmpty()) {
			return;
		}
		if (!csv.writable()) {
			// locked (Excel): do not copy the whole file only to fail at the rename
			restatementRetry();
			return;
		}
		try {
			Restatements.Applied applied = restatements.apply();
			writes.replaced();
			restatementsWaiting = false;
			restatementFailures = 0;
			log.info("restated {} records in {}", applied.changed(), csv.path());
			if (!applied.missing().isEmpty()) {
				log.warn("restated records no longer in {} (deleted by hand?), not restated: {}", csv.path(),
						applied.missing());
			}
			try {
				events.publishEvent(new CsvAppended(0)); // the sync: look now
			}
			catch (RuntimeException ex) {
				log.warn("a listener of the restatement failed: {}", ex.toString());
			}
		}
		catch (IOException ex) {
			log.warn("restated records wait: {} cannot be replaced yet ({})", csv.path(), ex.toString());
			restatementRetry();
		}
	}

	/** The next try in 1, 2, 4 … 30 s. */
	private void restatementRetry() {
		long seconds = Math.min(30, 1L << Math.min(restatementFailures++, 5));
		nextRestatementTry = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
	}

	/** The writer thread: a batch of whatever is waiting, then any retry that is due. */
	private void run() {
		List<Submission> batch = new ArrayList<>(settings.maxBatch());
		while (running || !queue.isEmpty() || !fromLog.isEmpty() || !restated.isEmpty()) {
			try {
				long wait = writes.retrying() ? health.millisToRetry() : 200;
				if (logFed) {
					List<Submission> group = fromLog.poll(wait, TimeUnit.MILLISECONDS);
					if (group != null) {
						batch.addAll(group);
						writes.write(batch);
						batch.clear();
					}
					writes.retryIfDue(group == null);
					restate();
					continue;
				}
				Submission first = queue.poll(wait, TimeUnit.MILLISECONDS);
				if (first != null) {
					batch.add(first);
					queue.drainTo(batch, settings.maxBatch() - 1);
					writes.write(batch);
					batch.clear();
				}
				writes.retryIfDue(first == null);
				restate();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("CSV writer: unexpected failure", ex);
				batch.forEach(p -> p.future().completeExceptionally(ex));
				batch.clear();
			}
		}
	}

}
