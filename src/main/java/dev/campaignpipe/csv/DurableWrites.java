package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * What the writer thread does to the files (SPEC §6): recover at start-up, make a batch
 * durable in the CSV or else the spool and only then answer its submitters, move the
 * spool into the CSV once it opens, and have a full disk probed ({@link FullDiskProbe}).
 * Used by the writer thread only.
 */
final class DurableWrites {

	private static final Logger log = LoggerFactory.getLogger(DurableWrites.class);

	private final CsvFile csv;

	private final Spool spool;

	private final IdSequence ids;

	private final CsvEnd end;

	private final WriterHealth health;

	private final WriterMetrics metrics;

	private final RecentReceipts recent;

	private final ApplicationEventPublisher events;

	private final FullDiskProbe fullDisk;

	DurableWrites(CsvFile csv, Spool spool, IdSequence ids, WriterHealth health, WriterMetrics metrics,
			RecentReceipts recent, ApplicationEventPublisher events, FullDiskProbe fullDisk) {
		this.csv = csv;
		this.spool = spool;
		this.ids = ids;
		this.end = new CsvEnd(csv, ids);
		this.health = health;
		this.metrics = metrics;
		this.recent = recent;
		this.events = events;
		this.fullDisk = fullDisk;
	}

	/**
	 * Reads what the last run left: spooled records, the id mark, a torn last line. ids
	 * continue after the highest seen anywhere.
	 * @return the highest id in the CSV's last lines and the spool
	 */
	long recover() throws IOException {
		spool.load();
		ids.load();
		long highest = Math.max(csv.maxIdInTail(), spool.ids().stream().mapToLong(Long::longValue).max().orElse(0));
		ids.start(highest);
		end.start();
		return highest;
	}

	/**
	 * The writer replaced the CSV itself (restated records): its end and the id mark move
	 * to the new file's size, so a crash in the next append is still recognized as ours.
	 */
	void replaced() throws IOException {
		long size = csv.size();
		end.appended(size);
		ids.saveMark(size);
	}

	/**
	 * Whether the writer has something to retry: spooled records to move, or a full disk
	 * to probe.
	 */
	boolean retrying() {
		return !spool.isEmpty() || health.isRefusing();
	}

	/** Retries what is due: probing the disk when nobody submits, moving the spool. */
	void retryIfDue(boolean idle) {
		if (health.isRefusing() && idle && health.retryDue()) {
			fullDisk.probe();
		}
		if (!spool.isEmpty() && health.retryDue()) {
			moveSpoolIntoCsv();
		}
	}

	/**
	 * Assigns ids, appends the batch (CSV, else spool), fsyncs, then answers every
	 * submitter.
	 */
	void write(List<Submission> batch) {
		long csvSizeBefore = end.followExternalEdits();
		List<StoredCampaign> stored = new ArrayList<>(batch.size());
		List<Long> batchIds = new ArrayList<>(batch.size());
		List<Submission> accepted = new ArrayList<>(batch.size());
		for (Submission submission : batch) {
			Long id = assignId(submission);
			if (id == null) {
				submission.future().completeExceptionally(new IdTakenException(submission.requestedId()));
				continue;
			}
			stored.add(StoredCampaign.of(id, submission.campaign()));
			batchIds.add(id);
			accepted.add(submission);
		}
		if (accepted.isEmpty()) {
			return;
		}
		byte[] lines = CsvFormat.lines(stored);
		// the trail's time: the sync may read the lines (it watches the file) while the
		// writer still waits for its fsync, never before the write begins
		Instant writing = Instant.now();
		Location location = appendToCsv(lines) ? Location.CSV : null;
		IOException failure = null;
		if (location == null) {
			try {
				// csvSizeBefore: rows a failed append left behind are found there when
				// the spool moves
				spool.append(lines, batchIds, csvSizeBefore);
				location = Location.SPOOL;
			}
			catch (IOException ex) {
				failure = DiskFull.described(ex);
				health.refusing(failure);
			}
		}
		if (failure == null) {
			health.acknowledging();
		}
		ids.saveMark(end.expectedSize());
		metrics.batch(accepted.size(), location, failure == null ? accepted.size() : 0);
		if (failure == null) {
			// before the answers: a trail asked for right after its acknowledgement has
			// it; and before the sync hears of the rows, so their times come in order
			tell(new RecordsWritten(batchIds, accepted.stream().map(Submission::source).toList(), location, writing));
		}
		if (location == Location.CSV) {
			announce(accepted.size());
		}
		for (int i = 0; i < accepted.size(); i++) {
			Receipt receipt = new Receipt(stored.get(i), location);
			if (failure == null) {
				recent.put(receipt);
				accepted.get(i).future().complete(receipt);
			}
			else {
				accepted.get(i).future().completeExceptionally(failure);
			}
		}
	}

	/**
	 * @return whether the batch is durable in the CSV (not tried while records wait in
	 * the spool)
	 */
	private boolean appendToCsv(byte[] lines) {
		if (!spool.isEmpty()) {
			return false; // the spool moves first: file order stays id order
		}
		try {
			end.ensureWholeLastLine();
			long started = System.nanoTime();
			long size = csv.append(lines);
			metrics.appendTook(System.nanoTime() - started);
			end.appended(size);
			health.writable();
			return true;
		}
		catch (IOException ex) {
			health.locked(ex);
			return false;
		}
	}

	/**
	 * The id a record gets: its own if it brought a free one, else the next; {@code null}
	 * if its own is taken.
	 */
	private Long assignId(Submission submission) {
		Long requested = submission.requestedId();
		if (requested == null) {
			return ids.next();
		}
		if (requested > ids.last()) {
			ids.advanceTo(requested); // never handed out: ids continue above it
			return requested;
		}
		return requested <= submission.verifiedFreeUpTo() ? requested : null;
	}

	/**
	 * Moves every spooled row into the CSV, in id order, exactly once: rows that an
	 * interrupted earlier move already appended (found by id in the part of the CSV
	 * written since spooling began) are not appended again, and the spool is deleted only
	 * after the CSV is fsync'd.
	 */
	private void moveSpoolIntoCsv() {
		try {
			end.followExternalEdits(); // while it was locked, Excel may have saved it
			end.ensureWholeLastLine();
			long from = csv.size() >= spool.csvSizeAtStart() ? spool.csvSizeAtStart() : 0;
			Set<Long> present = csv.idsFrom(from);
			StringBuilder missing = new StringBuilder();
			int moved = 0;
			List<Long> spooled = new ArrayList<>();
			for (String row : spool.rowsInIdOrder()) {
				long id = Long.parseLong(row.substring(0, row.indexOf(',')));
				spooled.add(id);
				if (!present.contains(id)) {
					missing.append(row);
					moved++;
				}
			}
			Instant writing = Instant.now(); // as in write(): before the sync can see
												// them
			if (moved > 0) {
				end.appended(csv.append(missing.toString().getBytes(StandardCharsets.UTF_8)));
				ids.saveMark(end.expectedSize());
			}
			int waiting = spool.size();
			spool.clear();
			health.writable();
			tell(new SpoolMoved(spooled, writing));
			announce(moved);
			log.info("CSV writable again: moved {} spooled records into {} ({} were already there)", moved, csv.path(),
					waiting - moved);
		}
		catch (IOException ex) {
			health.locked(ex);
		}
	}

	/**
	 * Tells later stages to look now; their trouble must never fail an acknowledgement.
	 */
	private void announce(int records) {
		tell(new CsvAppended(records));
	}

	/** Publishes an event; a listener's trouble never reaches the writer. */
	private void tell(Object event) {
		try {
			events.publishEvent(event);
		}
		catch (RuntimeException ex) {
			log.warn("a listener of the writer's {} failed: {}", event.getClass().getSimpleName(), ex.toString());
		}
	}

}
