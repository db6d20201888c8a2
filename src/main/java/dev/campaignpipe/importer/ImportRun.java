package dev.campaignpipe.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.campaignpipe.csv.Source;
import dev.campaignpipe.csvfile.RowReader;

/**
 * One import run: reads its file row by row, has each row decided, and accounts for every
 * row in its progress — stored or refused once the writer answers, skipped as a
 * duplicate, or written to its rejects file with the reason.
 */
final class ImportRun implements AutoCloseable {

	private final Path file;

	private final ImportProgress progress;

	private final Rejects rejects;

	ImportRun(Path file, ImportProgress progress) {
		this.file = file;
		this.progress = progress;
		this.rejects = new Rejects(file);
	}

	/**
	 * Imports every row of the file; returns when each has its outcome.
	 * @param decider this run's decisions (its options and the ids taken)
	 * @param submissions this run's records in flight to the writer
	 */
	void importRows(RowDecider decider, Submissions submissions) throws IOException, InterruptedException {
		try (ImportFile in = ImportFile.open(file, progress)) {
			List<String> header = in.header();
			RowReader columns = RowReader.fromHeaderFields(header);
			rejects.header(header);
			for (List<String> fields = in.next(); fields != null; fields = in.next()) {
				rejectRefused(submissions);
				progress.read.incrementAndGet();
				take(fields, in.line(), decider.decide(columns.read(fields)), submissions);
			}
		}
		submissions.awaitAll();
		rejectRefused(submissions);
	}

	private void take(List<String> fields, long line, RowDecision decision, Submissions submissions)
			throws IOException, InterruptedException {
		switch (decision.outcome()) {
			case STORE -> submissions.submit(decision.campaign(), decision.id(), List.of(fields),
					Source.imported(file.getFileName().toString(), line));
			case DUPLICATE -> progress.duplicates.incrementAndGet();
			case REJECT -> reject(fields, decision.reason());
		}
	}

	/**
	 * Writes submissions the writer refused to the rejects file; only the importing
	 * thread writes that file.
	 */
	private void rejectRefused(Submissions submissions) throws IOException {
		for (Submissions.Refusal refusal = submissions.nextRefusal(); refusal != null; refusal = submissions
			.nextRefusal()) {
			for (List<String> row : refusal.rows()) {
				reject(row, refusal.reason());
			}
		}
	}

	private void reject(List<String> fields, String reason) throws IOException {
		rejects.write(fields, reason);
		progress.rejected.incrementAndGet();
	}

	/** The rejects file, or {@code null} when nothing was rejected. */
	Path rejectsFile() {
		return rejects.path();
	}

	@Override
	public void close() throws IOException {
		rejects.close();
	}

}
