package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.csvfile.LineConverter;

/**
 * The star schema Power BI relates without any work: one fact file with integer keys, a
 * file per dimension, and a contiguous date table. The fact rows come from the
 * {@link FactCache}; the dimension files are renamed into place before the fact file, so
 * every fact key a reader can see has its dimension row.
 */
final class StarExport {

	static final String FACT = "fact_campaign_performance.csv";

	static final String DATES = "dim_date.csv";

	private final FactCache facts;

	StarExport(Path csv, Path stateDir, LineConverter converter, Categories categories) {
		this.facts = new FactCache(csv, stateDir.resolve("powerbi-fact.cache"), converter, categories);
	}

	/**
	 * Brings the fact rows up to date — converting only the lines added since the last
	 * export unless the CSV was replaced or rewritten — then writes the whole set as
	 * fsync'd temporary files and renames them into place: dimensions and dates first,
	 * the fact file last.
	 * @return the number of fact rows
	 */
	long write(Path dir) throws IOException {
		facts.update();
		publish(dir);
		return facts.records();
	}

	private void publish(Path dir) throws IOException {
		Map<Path, Path> prepared = new LinkedHashMap<>();
		try {
			for (StarDimension d : StarDimension.values()) {
				prepared.put(AtomicFile.prepare(dir.resolve(d.file), out -> writeDimension(out, d)),
						dir.resolve(d.file));
			}
			prepared.put(AtomicFile.prepare(dir.resolve(DATES), this::writeDates), dir.resolve(DATES));
			prepared.put(AtomicFile.prepare(dir.resolve(FACT),
					out -> writeCsv(out, FactRow.COLUMNS, w -> facts.copyTo(out))), dir.resolve(FACT));
		}
		catch (IOException | RuntimeException ex) {
			for (Path tmp : prepared.keySet()) {
				Files.deleteIfExists(tmp);
			}
			throw ex;
		}
		for (Map.Entry<Path, Path> file : prepared.entrySet()) {
			AtomicFile.commit(file.getKey(), file.getValue());
		}
	}

	/** Each value of {@code d} that has a key, in key order. */
	private void writeDimension(AtomicFile.Sink out, StarDimension d) throws IOException {
		writeCsv(out, List.of(d.keyColumn, d.valueColumn),
				writer -> facts.keys()
					.assigned(d)
					.forEach((value, key) -> writer.writeRecord(Integer.toString(key), CsvFormat.guard(value))));
	}

	/** Every day from the first fact row's date to the last one's, none missing. */
	private void writeDates(AtomicFile.Sink out) throws IOException {
		writeCsv(out, DateTable.COLUMNS, writer -> facts.dates().ifPresent(range -> {
			for (LocalDate d = range.first(); !d.isAfter(range.last()); d = d.plusDays(1)) {
				writer.writeRecord(DateTable.row(d));
			}
		}));
	}

	@FunctionalInterface
	private interface Rows {

		void write(CsvWriter writer) throws IOException;

	}

	private static void writeCsv(AtomicFile.Sink out, List<String> header, Rows rows) throws IOException {
		Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		text.write(CsvFormat.BOM);
		CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(text);
		writer.writeRecord(header);
		// header bytes out before rows that may be copied straight to the stream
		writer.flush();
		text.flush();
		rows.write(writer);
		writer.flush();
		text.flush();
	}

}
