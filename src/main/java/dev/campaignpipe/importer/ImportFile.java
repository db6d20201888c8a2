package dev.campaignpipe.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.common.CountingStream;
import dev.campaignpipe.csvfile.CsvRecords;

/**
 * The input CSV of one import, read record by record (empty lines skipped, short and long
 * rows as they are), counting the bytes read into the run's progress.
 */
final class ImportFile implements AutoCloseable {

	private final Path file;

	private final CsvReader<CsvRecord> reader;

	private final Iterator<CsvRecord> records;

	private long line;

	private ImportFile(Path file, CsvReader<CsvRecord> reader) {
		this.file = file;
		this.reader = reader;
		this.records = reader.iterator();
	}

	static ImportFile open(Path file, ImportProgress progress) throws IOException {
		InputStream in = new CountingStream(Files.newInputStream(file), progress.bytesRead::addAndGet);
		try {
			return new ImportFile(file, CsvRecords.lenientReader(in));
		}
		catch (RuntimeException ex) {
			in.close();
			throw ex;
		}
	}

	/**
	 * The first record's fields; call once, before {@link #next()}.
	 * @throws IllegalArgumentException when the file has no record at all
	 */
	List<String> header() {
		if (!records.hasNext()) {
			throw new IllegalArgumentException(file + " is empty: no header line");
		}
		return records.next().getFields();
	}

	/** The next row's fields, or {@code null} at the end of the file. */
	List<String> next() {
		if (!records.hasNext()) {
			return null;
		}
		CsvRecord record = records.next();
		line = record.getStartingLineNumber();
		return record.getFields();
	}

	/** The line of the file the last row {@link #next()} gave starts on (from 1). */
	long line() {
		return line;
	}

	@Override
	public void close() throws IOException {
		reader.close();
	}

}
