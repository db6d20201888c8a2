package dev.campaignpipe.importer;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one import, read by the progress bar and the upload page while it
 * runs. When it ends, read + (nothing pending) = stored + duplicates + rejected: every
 * row is accounted for.
 */
public final class ImportProgress {

	final AtomicLong read = new AtomicLong();

	final AtomicLong stored = new AtomicLong();

	final AtomicLong duplicates = new AtomicLong();

	final AtomicLong rejected = new AtomicLong();

	final AtomicLong flagged = new AtomicLong();

	final AtomicLong bytesRead = new AtomicLong();

	final AtomicLong updated = new AtomicLong();

	private volatile String preset;

	private volatile Map<String, Long> lines = Map.of();

	private final long totalBytes;

	private final long startNanos = System.nanoTime();

	private volatile boolean finished;

	private volatile String failure;

	private volatile Path rejectsFile;

	ImportProgress(long totalBytes) {
		this.totalBytes = totalBytes;
	}

	public ImportSummary snapshot() {
		return new ImportSummary(read.get(), stored.get(), duplicates.get(), rejected.get(), flagged.get(),
				bytesRead.get(), totalBytes, (System.nanoTime() - startNanos) / 1e9, finished, failure,
				rejectsFile == null ? null : rejectsFile.toString(), preset, updated.get(), lines);
	}

	void preset(String name) {
		this.preset = name;
	}

	/** The file's lines by kind, once they are all read. */
	void lines(Map<String, Long> counts) {
		this.lines = Map.copyOf(counts);
	}

	void finish(Path rejects, String failure) {
		this.rejectsFile = rejects;
		this.failure = failure;
		this.finished = true;
	}

}
