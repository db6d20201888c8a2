package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csvfile.CsvFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The queue and its single writer thread (SPEC §6). Submitters enqueue and wait; the
 * writer drains whatever is waiting as one batch, assigns ids, appends, fsyncs, and only
 * then completes every request of the batch (group commit). While the CSV cannot be
 * opened, batches are fsync'd to the spool instead and moved into the CSV, in id order
 * and exactly once, when it opens again.
 */
@Service
public class CsvWriterService implements CampaignQueue, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CsvWriterService.class);

	/**
	 * About one large batch of records: room for this means a submission would very
	 * likely fit too.
	 */
	private static final int PROBE_BYTES = 64 * 1024;

	private final PipelineProperties.Csv settings;

	private final boolean autoStart;

	private final Path lockFile;

	private FileChannel lock;

	private final ApplicationEventPublisher events;

	private final CsvFile csv;

	private final Spool spool;

	private final IdSequence ids;

	private final BlockingQueue<Pending> queue;

	private final RecentReceipts recent = new RecentReceipts(10_000);

	private final Counter csvRecords;

	private final Counter spoolRecords;

	private final DistributionSummary batchSizes;

	private final Timer appends;

	private volatile boolean running;

	private volatile Thread writer;

	private volatile Instant lockedSince;

	private volatile String lastError;

	/**
	 * Neither the CSV nor the spool could take the last batch: refusing until a probe
	 * write succeeds.
	 */
	private volatile Instant refusingSince;

	private final Path spaceProbe;

	private Duration retryDelay;

	/**
	 * CSV size after this writer's last append; any other size means another program
	 * wrote to it.
	 */
	private long expectedCsvSize = -1;

	/**
	 * Whether the CSV's last line has been checked since start-up (a crash may have torn
	 * it).
	 */
	private boolean tailChecked;

	/**
	 * Another program changed the CSV since our last append: its last line may lack a
	 * line break.
	 */
	private boolean editedByOthers;

	private long nextRetryNanos;

	@Autowired
	public CsvWriterService(PipelineProperties properties, MeterRegistry meters, ApplicationEventPublisher events) {
		this(properties, meters, CsvFile.DEFAULT_OPENER, Spool.DEFAULT_OPENER, events);
	}

	/**
	 * Tests pass openers that simulate a locked file or a disk that fills up mid-write.
	 */
	CsvWriterService(PipelineProperties properties, MeterRegistry meters, CsvFile.Opener opener,
			CsvFile.Opener spoolOpener, ApplicationEventPublisher events) {
		this.events = events;
		this.autoStart = properties.autoStart();
		this.lockFile = properties.stateDir().resolve("writer.lock");
		this.settings = properties.csv();
		this.csv = new CsvFile(properties.csvPath(), opener);
		this.spool = new Spool(properties.stateDir().resolve("spool.csv"), spoolOpener);
		this.ids = new IdSequence(properties.stateDir().resolve("last-id"));
		this.spaceProbe = properties.stateDir().resolve("write-probe");
		this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
		this.retryDelay = settings.retryInitial();
		this.csvRecords = meters.counter("pipeline.csv.records", "location", "csv");
		this.spoolRecords = meters.counter("pipeline.csv.records", "location", "spool");
		this.batchSizes = DistributionSummary.builder("pipeline.csv.batch.size").register(meters);
		// append + fsync of one batch: what every submission of the batch waits for on
		// disk
		this.appends = Timer.builder("pipeline.csv.append")
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(100))
			.register(meters);
		Gauge.builder("pipeline.queue.depth", queue, BlockingQueue::size).register(meters);
		Gauge.builder("pipeline.spool.size", spool, Spool::size).register(meters);
		Gauge.builder("pipeline.csv.locked", this, w -> w.lockedSince != null ? 1 : 0).register(meters);
		Gauge.builder("pipeline.csv.refusing", this, w -> w.refusingSince != null ? 1 : 0).register(meters);
	}

	@Override
	public Receipt submit(Campaign campaign) {
		long timeout = settings.ackTimeout().toMillis();
		try {
			return submitAsync(campaign, null, 0).get(timeout, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PipelineUnavailableException("interrupted while waiting for the write", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof PipelineUnavailableException unavailable) {
				throw unavailable;
			}
			throw new PipelineUnavailableException(
					"the record could not be made durable: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new PipelineUnavailableException("the write was not confirmed within " + timeout + " ms", ex);
		}
	}

	@Override
	public CompletableFuture<Receipt> submitAsync(Campaign campaign, Long requestedId, long verifiedFreeUpTo) {
		if (!running) {
			return CompletableFuture.failedFuture(new PipelineUnavailableException(
					"the pipeline is not running (starting up or shutting down)", null));
		}
		Pending pending = new Pending(campaign, requestedId, verifiedFreeUpTo, new CompletableFuture<>());
		long timeout = settings.ackTimeout().toMillis();
		try {
			if (!queue.offer(pending, timeout, TimeUnit.MILLISECONDS)) {
				return CompletableFuture.failedFuture(
						new PipelineUnavailableException("the write queue stayed full for " + timeout + " ms", null));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableFuture.failedFuture(new PipelineUnavailableException("interrupted while queueing", ex));
		}
		return pending.future();
	}

	@Override
	public long lastId() {
		return ids.last();
	}

	public WriterStatus status() {
		return new WriterStatus(queue.size(), spool.size(), lockedSince != null, lockedSince, lastError, refusingSince,
				ids.last(), csv.path().toString());
	}

	/** Where a record is, if this writer knows: the spool, or the CSV for recent ids. */
	public Optional<Receipt> locate(long id) {
		Location location = spool.ids().contains(id) ? Location.SPOOL : Location.CSV;
		return recent.get(id).map(r -> new Receipt(r.stored(), location));
	}

	@Override
	public void start() {
		takeLock();
		try {
			spool.load();
			ids.load();
			long highest = Math.max(csv.maxIdInTail(), spool.ids().stream().mapToLong(Long::longValue).max().orElse(0));
			ids.start(highest);
			expectedCsvSize = csv.size();
			ensureWholeLastLine();
		}
		catch (IOException ex) {
			markLocked(ex); // e.g. the CSV is locked at start-up: spool until it opens
		}
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
		List<Pending> late = new ArrayList<>();
		queue.drainTo(late);
		late.forEach(p -> p.future().completeExceptionally(new IOException("shutting down")));
		if (thread == null || !thread.isAlive()) {
			ids.close(); // only the writer thread writes the mark
		}
		releaseLock();
	}

	@Override
	public boolean isAutoStartup() {
		return autoStart;
	}

	/**
	 * One writer per data folder: a second process appending to the same CSV would hand
	 * out the same ids. The operating system releases the lock if the process dies.
	 */
	private void takeLock() {
		try {
			Files.createDirectories(lockFile.getParent());
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock acquired = channel.tryLock();
			if (acquired == null) {
				channel.close();
				throw new IllegalStateException("another campaign-pipeline is already writing " + csv.path() + " (lock "
						+ lockFile + "); stop it, or use its web page or API");
			}
			lock = channel;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot lock " + lockFile + ": " + ex.getMessage(), ex);
		}
	}

	private void releaseLock() {
		try {
			if (lock != null) {
				lock.close();
				lock = null;
			}
		}
		catch (IOException ex) {
			// released with the process anyway
		}
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

	private void run() {
		List<Pending> batch = new ArrayList<>(settings.maxBatch());
		while (running || !queue.isEmpty()) {
			try {
				boolean retrying = !spool.isEmpty() || refusingSince != null;
				Pending first = queue.poll(retrying ? waitMillis() : 200, TimeUnit.MILLISECONDS);
				if (first != null) {
					batch.add(first);
					queue.drainTo(batch, settings.maxBatch() - 1);
					write(batch);
					batch.clear();
				}
				if (refusingSince != null && first == null && System.nanoTime() - nextRetryNanos >= 0) {
					probeWritable();
				}
				if (!spool.isEmpty() && System.nanoTime() - nextRetryNanos >= 0) {
					moveSpoolIntoCsv();
				}
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

	private long waitMillis() {
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextRetryNanos - System.nanoTime()));
	}

	/**
	 * The id a record gets: its own if it brought a free one, else the next; {@code null}
	 * if its own is taken.
	 */
	private Long assignId(Pending pending) {
		Long requested = pending.requestedId();
		if (requested == null) {
			return ids.next();
		}
		if (requested > ids.last()) {
			ids.advanceTo(requested); // never handed out: ids continue above it
			return requested;
		}
		return requested <= pending.verifiedFreeUpTo() ? requested : null;
	}

	private void write(List<Pending> batch) {
		long csvSizeBefore = followExternalEdits();
		List<StoredCampaign> stored = new ArrayList<>(batch.size());
		List<Long> batchIds = new ArrayList<>(batch.size());
		List<Pending> accepted = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			Long id = assignId(pending);
			if (id == null) {
				pending.future().completeExceptionally(new IdTakenException(pending.requestedId()));
				continue;
			}
			stored.add(StoredCampaign.of(id, pending.campaign()));
			batchIds.add(id);
			accepted.add(pending);
		}
		if (accepted.isEmpty()) {
			return;
		}
		batch = accepted;
		byte[] lines = CsvFormat.lines(stored);
		Location location = null;
		IOException failure = null;
		try {
			if (spool.isEmpty()) {
				ensureWholeLastLine();
				long started = System.nanoTime();
				csv.append(lines);
				appends.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
				expectedCsvSize = csv.size();
				location = Location.CSV;
				markWritable();
				announce(batch.size());
			}
		}
		catch (IOException ex) {
			markLocked(ex);
		}
		if (location == null) {
			try {
				// csvSizeBefore: rows a failed append left behind are found there when
				// the spool moves
				spool.append(lines, batchIds, csvSizeBefore);
				location = Location.SPOOL;
			}
			catch (IOException ex) {
				failure = ex;
				markRefusing(ex);
			}
		}
		if (failure == null && refusingSince != null) {
			refusingSince = null;
			log.info("CSV writer: writing again, records are acknowledged");
		}
		ids.saveMark(expectedCsvSize);
		batchSizes.record(batch.size());
		(location == Location.CSV ? csvRecords : spoolRecords).increment(failure == null ? batch.size() : 0);
		for (int i = 0; i < batch.size(); i++) {
			Receipt receipt = new Receipt(stored.get(i), location);
			if (failure == null) {
				recent.put(receipt);
				batch.get(i).future().complete(receipt);
			}
			else {
				batch.get(i).future().completeExceptionally(failure);
			}
		}
	}

	/**
	 * Rows pasted into the CSV by hand (or by another tool) may carry ids above ours:
	 * continue after them. A stat per batch notices; the tail is read only when the size
	 * is not the one we left.
	 * @return the CSV's size before this batch (0 if it cannot be read: the append
	 * reports why)
	 */
	private long followExternalEdits() {
		try {
			long size = csv.size();
			if (size != expectedCsvSize) {
				expectedCsvSize = size;
				editedByOthers = true;
				try {
					ensureWholeLastLine(); // their last row may lack its line break:
											// counted once it has one
				}
				finally {
					ids.start(Math.max(ids.last(), csv.maxIdInTail()));
				}
			}
			return expectedCsvSize;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Moves every spooled row into the CSV, in id order, exactly once: rows that an
	 * interrupted earlier move already appended (found by id in the part of the CSV
	 * written since spooling began) are not appended again, and the spool is deleted only
	 * after the CSV is fsync'd.
	 */
	private void moveSpoolIntoCsv() {
		try {
			followExternalEdits(); // while it was locked, Excel may have saved it
			ensureWholeLastLine();
			long from = csv.size() >= spool.csvSizeAtStart() ? spool.csvSizeAtStart() : 0;
			Set<Long> present = csv.idsFrom(from);
			StringBuilder missing = new StringBuilder();
			int moved = 0;
			for (String row : spool.rowsInIdOrder()) {
				if (!present.contains(Long.parseLong(row.substring(0, row.indexOf(','))))) {
					missing.append(row);
					moved++;
				}
			}
			if (moved > 0) {
				csv.append(missing.toString().getBytes(StandardCharsets.UTF_8));
				expectedCsvSize = csv.size();
				ids.saveMark(expectedCsvSize);
			}
			int waiting = spool.size();
			spool.clear();
			markWritable();
			announce(moved);
			log.info("CSV writable again: moved {} spooled records into {} ({} were already there)", moved, csv.path(),
					waiting - moved);
		}
		catch (IOException ex) {
			markLocked(ex);
		}
	}

	/**
	 * The next append must start a line of its own. After start-up the CSV's last line
	 * may be this writer's append torn by a crash (removed: it was never acknowledged);
	 * after another program wrote, its last line may lack a line break (ended, never
	 * glued onto).
	 */
	private void ensureWholeLastLine() throws IOException {
		if (tailChecked && !editedByOthers) {
			return; // the common case: the file ends where our last append did
		}
		// after a crash, what starts where our last durable append ended is ours; after
		// others wrote, nothing is
		boolean changed = csv.repairTail(tailChecked ? Long.MAX_VALUE : ids.csvEnd());
		tailChecked = true;
		editedByOthers = false;
		if (changed) {
			expectedCsvSize = csv.size();
		}
	}

	/**
	 * Tells later stages to look now; their trouble must never fail an acknowledgement.
	 */
	private void announce(int records) {
		try {
			events.publishEvent(new CsvAppended(records));
		}
		catch (RuntimeException ex) {
			log.warn("a listener of CSV appends failed: {}", ex.toString());
		}
	}

	private void markLocked(IOException ex) {
		if (lockedSince == null) {
			lockedSince = Instant.now();
			retryDelay = settings.retryInitial();
			log.warn("{} cannot be written ({}); records go to the spool until it can", csv.path(), ex.toString());
		}
		else {
			retryDelay = Backoff.doubled(retryDelay, settings.retryMax());
		}
		lastError = ex.toString();
		nextRetryNanos = System.nanoTime() + retryDelay.toNanos();
	}

	/**
	 * Nothing can be made durable: every submission of the batch is answered 503, nothing
	 * is acknowledged. Logged once per episode, not once per refused batch.
	 */
	private void markRefusing(IOException ex) {
		if (refusingSince == null) {
			refusingSince = Instant.now();
			log.error("CSV writer: neither {} nor the spool can be written; refusing records until they can",
					csv.path(), ex);
		}
		lastError = ex.toString();
	}

	/**
	 * While refusing and nobody submits, checks now and then whether the data folder
	 * takes writes again (a probe file written, fsync'd and removed), so the banner
	 * clears by itself. Stray bytes of a failed append are cut off first: a restart must
	 * not find them.
	 */
	private void probeWritable() {
		try {
			spool.finishCutBack();
			csv.finishCutBack();
			try (FileChannel probe = FileChannel.open(spaceProbe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				probe.write(ByteBuffer.allocate(PROBE_BYTES));
				probe.force(false);
			}
			finally {
				Files.deleteIfExists(spaceProbe);
			}
			refusingSince = null;
			if (spool.isEmpty()) {
				markWritable();
			}
			log.info("CSV writer: the data folder takes writes again; records are acknowledged");
		}
		catch (IOException ex) {
			lastError = ex.toString();
			retryDelay = Backoff.doubled(retryDelay, settings.retryMax());
			nextRetryNanos = System.nanoTime() + retryDelay.toNanos();
		}
	}

	private void markWritable() {
		lockedSince = null;
		lastError = null;
	}

	private record Pending(Campaign campaign, Long requestedId, long verifiedFreeUpTo,
			CompletableFuture<Receipt> future) {
	}

}
