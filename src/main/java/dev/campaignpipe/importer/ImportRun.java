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
final class ImportRun {

	private final Path file;

	private final ImportProgress progress;

	private final Rejects rejects;

	ImportRun(Path file, ImportProgress progress, Rejects rejects) {
		this.file = file;
		this.progress = progress;
		this.rejects = rejects;
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
				rejects.rejectRefused(submissions);
				progress.read.incrementAndGet();
				take(fields, in.line(), decider.decide(columns.read(fields)), submissions);
			}
		}
		submissions.awaitAll();
		rejects.rejectRefused(submissions);
	}

	private void take(List<String> fields, long line, RowDecision decision, Submissions submissions)
			throws IOException, InterruptedException {
		switch (decision.outcome()) {
			case STORE -> submissions.submit(decision.campaign(), decision.id(), List.of(fields),
					Source.imported(file.getFileName().toString(), line));
			case DUPLICATE -> progress.duplicates.incrementAndGet();
			case REJECT -> rejects.reject(fields, decision.reason());
		}
	}

}
