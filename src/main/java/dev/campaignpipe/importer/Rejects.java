package dev.campaignpipe.importer;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.campaignpipe.csvfile.CsvFormat;

/**
 * The rejects CSV beside the input: each rejected row as it was, plus a
 * {@code reject_reason} column. Created only when the first row is rejected.
 */
final class Rejects implements AutoCloseable {

	private final Path path;

	private List<String> header = List.of();

	private Writer out;

	private CsvWriter csv;

	private final ImportProgress progress;

	Rejects(Path input, ImportProgress progress) {
		this.progress = progress;
		String name = input.getFileName().toString();
		String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
		this.path = input.toAbsolutePath().resolveSibling(base + ".rejects.csv");
	}

	void header(List<String> fields) {
		this.header = fields;
	}

	/** Writes a row with its reason and counts it rejected. */
	void reject(List<String> fields, String reason) throws IOException {
		write(fields, reason);
		progress.rejected.incrementAndGet();
	}

	/**
	 * Rejects the rows of the submissions the writer refused; only the importing thread
	 * writes the file.
	 */
	void rejectRefused(Submissions submissions) throws IOException {
		for (Submissions.Refusal refusal = submissions.nextRefusal(); refusal != null; refusal = submissions
			.nextRefusal()) {
			for (List<String> row : refusal.rows()) {
				reject(row, refusal.reason());
			}
		}
	}

	private void write(List<String> fields, String reason) throws IOException {
		if (csv == null) {
			// a new rejects file: the fixes recorded beside an earlier one are not its
			// own
			Files.deleteIfExists(path.resolveSibling(path.getFileName() + ".resolved"));
			out = new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8);
			out.write(CsvFormat.BOM);
			csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
			List<String> head = new ArrayList<>(header);
			head.add("reject_reason");
			csv.writeRecord(head);
		}
		List<String> row = new ArrayList<>(fields.size() + 1);
		fields.forEach(f -> row.add(CsvFormat.guard(f)));
		while (row.size() < header.size()) {
			row.add("");
		}
		row.add(reason);
		csv.writeRecord(row);
	}

	/** The file, or {@code null} when nothing was rejected. */
	Path path() {
		return csv == null ? null : path;
	}

	@Override
	public void close() throws IOException {
		if (csv != null) {
			csv.close();
		}
	}

}
