package dev.campaignpipe.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.csvfile.CsvRecords;

import org.springframework.stereotype.Service;

/**
 * An import's rejected rows, to be fixed one by one in the browser (SPEC §13): read back
 * from the import's rejects file, each with its reason and, once fixed, the campaign_id
 * it became. Which rows are fixed is kept in a file beside the rejects file
 * ({@code .resolved}, one {@code row,campaign_id} line each, forced to disk), so it
 * survives a restart and a row is fixed once.
 */
@Service
public class RejectedRows {

	private final ImportJobs jobs;

	public RejectedRows(ImportJobs jobs) {
		this.jobs = jobs;
	}

	/**
	 * One rejected row.
	 *
	 * @param number from 1, in the rejects file's order
	 * @param header the input's column names
	 * @param fields the row's values, as the input had them
	 * @param campaignId the record it became; {@code null} while open
	 */
	public record Row(int number, List<String> header, List<String> fields, String reason, Long campaignId) {

		/** The row as a CSV line, for showing what it was. */
		public String raw() {
			return String.join(",", fields);
		}

	}

	/**
	 * The import's rejected rows; empty if it has none, absent if there is no such import
	 * (this run of the product keeps its imports in memory) or its rejects file is gone.
	 */
	public synchronized Optional<List<Row>> list(long jobId) {
		Optional<ImportJobs.Job> job = jobs.find(jobId);
		if (job.isEmpty()) {
			return Optional.empty();
		}
		ImportSummary summary = job.get().progress().snapshot();
		if (summary.fromPlatform()) {
			// an ad platform's row is not a record (rows are summed, fields come from
			// rules): it is fixed in the export, which then imports again
			return Optional.empty();
		}
		String rejects = summary.rejectsFile();
		if (rejects != null && !Files.exists(Path.of(rejects))) {
			return Optional.empty(); // moved or deleted since: nothing to show or fix
		}
		return Optional.of(rejects == null ? List.of() : read(Path.of(rejects)));
	}

	public Optional<Row> find(long jobId, int number) {
		return list(jobId).flatMap(rows -> rows.stream().filter(r -> r.number() == number).findFirst());
	}

	/**
	 * Marks a row fixed with the record it became.
	 * @return whether it was open (a row is fixed once)
	 */
	public synchronized boolean resolve(long jobId, int number, long campaignId) {
		Row row = find(jobId, number).orElse(null);
		if (row == null || row.campaignId() != null) {
			return false;
		}
		Path resolved = resolvedFile(Path.of(jobs.find(jobId).orElseThrow().progress().snapshot().rejectsFile()));
		try (FileChannel out = FileChannel.open(resolved, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			out.write(StandardCharsets.UTF_8.encode(number + "," + campaignId + "\n"));
			out.force(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot record the fix of rejected row " + number, ex);
		}
		return true;
	}

	private static List<Row> read(Path rejects) {
		Map<Integer, Long> fixed = fixed(resolvedFile(rejects));
		List<Row> rows = new ArrayList<>();
		try (InputStream in = Files.newInputStream(rejects); CsvReader<CsvRecord> csv = CsvRecords.lenientReader(in)) {
			List<String> header = null;
			for (CsvRecord record : csv) {
				List<String> fields = record.getFields();
				if (header == null) {
					header = fields.subList(0, Math.max(0, fields.size() - 1)); // reject_reason
																				// last
					continue;
				}
				int reasonAt = Math.min(header.size(), fields.size() - 1);
				List<String> values = new ArrayList<>();
				for (int i = 0; i < reasonAt; i++) {
					values.add(CsvFormat.unguard(fields.get(i)));
				}
				int number = rows.size() + 1;
				rows.add(
						new Row(number, List.copyOf(header), values, fields.get(fields.size() - 1), fixed.get(number)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the rejects file " + rejects, ex);
		}
		return rows;
	}

	private static Map<Integer, Long> fixed(Path resolved) {
		Map<Integer, Long> fixed = new HashMap<>();
		if (!Files.exists(resolved)) {
			return fixed;
		}
		try {
			String text = Files.readString(resolved, StandardCharsets.UTF_8);
			// only whole lines: one a crash cut short (no newline yet) is no fix
			for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
				String[] parts = line.split(",");
				if (parts.length == 2) {
					fixed.putIfAbsent(Integer.parseInt(parts[0].strip()), Long.parseLong(parts[1].strip()));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			throw new IllegalStateException("cannot read " + resolved + ": " + ex.getMessage(), ex);
		}
		return fixed;
	}

	private static Path resolvedFile(Path rejects) {
		return rejects.resolveSibling(rejects.getFileName() + ".resolved");
	}

}
