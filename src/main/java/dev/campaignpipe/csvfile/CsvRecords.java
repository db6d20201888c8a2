package dev.campaignpipe.csvfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.campaignpipe.campaign.StoredCampaign;

/**
 * Reads a whole CSV back as records, in file order, streaming (memory does not grow with
 * the file): header by name, rows normalized and validated as the database sync does, a
 * repeated campaign_id kept at its first occurrence. Used by the Power BI export and by
 * {@code verify}.
 */
public final class CsvRecords {

	private static final int CHUNK_LINES = 10_000;

	private static final int CHUNK_BYTES = 8 * 1024 * 1024;

	private CsvRecords() {
	}

	/**
	 * A reader for a whole CSV file that another program may have written: a UTF-8 BOM
	 * dropped (read from bytes, because FastCSV detects a BOM only in what it decodes
	 * itself), rows with fewer or more fields than the header kept as they are, empty
	 * lines skipped. The caller closes it, which closes {@code in}.
	 */
	public static CsvReader<CsvRecord> lenientReader(InputStream in) {
		return CsvReader.builder()
			.detectBomHeader(true)
			.missingFieldStrategy(FieldMismatchStrategy.IGNORE)
			.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
			.skipEmptyLines(true)
			.ofCsvRecord(in, StandardCharsets.UTF_8);
	}

	public static void forEach(Path csv, LineConverter converter, Consumer<StoredCampaign> consumer)
			throws IOException {
		IdSet seen = new IdSet();
		forEachLine(csv, (reader,
				text) -> converter.record(reader, text).filter(record -> seen.add(record.id())).ifPresent(consumer));
	}

	/**
	 * Every whole line after the header, with a reader for the file's header, streaming.
	 */
	public static void forEachLine(Path csv, BiConsumer<RowReader, String> consumer) throws IOException {
		forEachLine(csv, Position.START, consumer);
	}

	/** Where a read stopped: just past the last whole line it passed on. */
	public record Position(long offset, long line) {

		/** The start of the data, after the header line. */
		public static final Position START = new Position(0, 0);

	}

	/**
	 * Every whole line from {@code from} on (after the header when starting at
	 * {@link Position#START}).
	 * @return where the next read continues
	 */
	public static Position forEachLine(Path csv, Position from, BiConsumer<RowReader, String> consumer)
			throws IOException {
		if (!Files.exists(csv)) {
			return from;
		}
		CsvTail.Header header = CsvTail.header(csv);
		if (header == null) {
			return from;
		}
		RowReader reader = header.reader();
		long offset = from.offset() == 0 ? header.dataOffset() : from.offset();
		long line = from.offset() == 0 ? header.dataLine() : from.line();
		while (true) {
			CsvTail.Chunk chunk = CsvTail.read(csv, offset, line, CHUNK_LINES, CHUNK_BYTES);
			if (chunk.endOffset() == offset) {
				return new Position(offset, line);
			}
			for (CsvLine csvLine : chunk.lines()) {
				consumer.accept(reader, csvLine.text());
			}
			offset = chunk.endOffset();
			line = chunk.endLine();
		}
	}

}
