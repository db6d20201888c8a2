package dev.campaignpipe.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import dev.campaignpipe.csvfile.FileFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of the sync: from the committed checkpoint to the last complete line of the
 * CSV, chunk by chunk, reading and converting the next chunk while this one commits. A
 * file replaced or rewritten behind the checkpoint is read again from its start, as a new
 * generation.
 */
final class SyncRound {

	private static final Logger log = LoggerFactory.getLogger(SyncRound.class);

	private final Path csv;

	private final SyncBatch batch;

	private final int batchLines;

	/** Prepares the next chunk while the current one commits. */
	private final ExecutorService preparer;

	SyncRound(Path csv, SyncBatch batch, int batchLines, ExecutorService preparer) {
		this.csv = csv;
		this.batch = batch;
		this.batchLines = batchLines;
		this.preparer = preparer;
	}

	/**
	 * @param stored the checkpoint the database holds (last committed or read)
	 * @param committed told of every batch as soon as it has committed
	 * @return whether more complete lines are waiting
	 */
	boolean run(Checkpoint stored, Consumer<SyncBatch.Outcome> committed) throws IOException {
		if (!Files.exists(csv)) {
			return false;
		}
		Checkpoint current = stored;
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
		SyncBatch.Prepared prepared = batch.prepare(csv, current, fileKey, batchLines);
		boolean newReading = rescan;
		Checkpoint last = stored;
		while (prepared != null) {
			SyncBatch.Prepared committing = prepared;
			// catching up: read and convert the next chunk while this one is written
			CompletableFuture<SyncBatch.Prepared> ahead = committing.next().offset() < Files.size(csv)
					? CompletableFuture.supplyAsync(() -> prepareQuietly(committing.next(), fileKey), preparer)
					: CompletableFuture.completedFuture(null);
			SyncBatch.Outcome outcome;
			try {
				outcome = batch.commit(committing, newReading, last);
			}
			catch (RuntimeException ex) {
				ahead.cancel(false);
				throw ex;
			}
			newReading = false;
			last = outcome.checkpoint();
			committed.accept(outcome);
			prepared = ahead.join();
			if (prepared != null && !last.mark().matches(csv)) {
				return true; // replaced meanwhile: the next round notices and reads it
								// again
			}
		}
		return last.offset() < Files.size(csv);
	}

	private SyncBatch.Prepared prepareQuietly(Checkpoint from, String fileKey) {
		try {
			return batch.prepare(csv, from, fileKey, batchLines);
		}
		catch (IOException ex) {
			return null; // the next round retries from the committed checkpoint
		}
	}

}
