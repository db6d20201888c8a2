package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Optional;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.csvfile.CsvRecords;
import dev.campaignpipe.csvfile.FileFingerprint;
import dev.campaignpipe.csvfile.IdSet;
import dev.campaignpipe.csvfile.LineConverter;

/**
 * The fact rows converted from campaigns.csv so far, kept in a file of the state folder
 * (without header), with the dimension keys and the date range they use. Each update
 * converts only what the CSV gained since the last one; when the CSV was replaced or
 * rewritten (Excel saving a corrected file), everything starts over, keys included.
 */
final class FactCache {

	private final Path csv;

	private final Path file;

	private final LineConverter converter;

	private final Categories categories;

	/** What the cache holds: rows converted from the CSV up to {@code position}. */
	private CsvRecords.Position position;

	/** The CSV as it was when the cache was last brought up to date. */
	private FileFingerprint.Mark mark;

	private DimensionKeys keys;

	private IdSet seen;

	/** {@code null} while there is no row. */
	private DateRange range;

	private long records;

	FactCache(Path csv, Path file, LineConverter converter, Categories categories) {
		this.csv = csv;
		this.file = file;
		this.converter = converter;
		this.categories = categories;
	}

	/**
	 * Brings the fact rows up to date: converts the lines added since the last update, or
	 * all of them when the CSV is no longer the file the cache was built from.
	 */
	void update() throws IOException {
		if (position == null || mark == null || !mark.matches(csv)) {
			reset();
		}
		try (Writer text = new OutputStreamWriter(
				Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
				StandardCharsets.UTF_8);
				CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(text)) {
			position = CsvRecords.forEachLine(csv, position,
					(reader, line) -> converter.record(reader, line)
						.filter(record -> seen.add(record.id()))
						.ifPresent(record -> {
							LocalDate date = record.campaign().date();
							range = range == null ? DateRange.of(date) : range.including(date);
							writer.writeRecord(FactRow.of(record, keys));
							records++;
						}));
		}
		catch (IOException | RuntimeException ex) {
			position = null; // the cache may hold part of a chunk: rebuild next time
			throw ex;
		}
		mark = FileFingerprint.Mark.of(csv, position.offset());
	}

	private void reset() throws IOException {
		keys = new DimensionKeys(categories);
		seen = new IdSet();
		range = null;
		records = 0;
		position = CsvRecords.Position.START;
		Files.createDirectories(file.getParent());
		Files.deleteIfExists(file);
	}

	/** The keys of every dimension value the rows use, and of the closed sets. */
	DimensionKeys keys() {
		return keys;
	}

	/** The dates the rows span; empty while there is no row. */
	Optional<DateRange> dates() {
		return Optional.ofNullable(range);
	}

	long records() {
		return records;
	}

	/** Appends the cached rows to {@code out}, copied by the kernel. */
	void copyTo(AtomicFile.Sink out) throws IOException {
		try (FileChannel rows = FileChannel.open(file)) {
			out.transferFrom(rows, 0, rows.size());
		}
	}

}
