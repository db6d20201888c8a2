package dev.campaignpipe.preset;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.campaignpipe.common.CountingStream;

/**
 * A text export's lines as records of cells, decoded in its encoding and split at its
 * delimiter (quoted cells may span lines), blank lines included, so that every line can
 * be accounted for.
 */
final class CsvLines implements ExportLines {

	private final CsvReader<CsvRecord> reader;

	private final Iterator<CsvRecord> records;

	private long line;

	private CsvLines(CsvReader<CsvRecord> reader) {
		this.reader = reader;
		this.records = reader.iterator();
	}

	/**
	 * @param bytesRead told how many bytes have been read, for progress; may be
	 * {@code null}
	 */
	static CsvLines open(Path file, TextEncoding encoding, char delimiter, LongConsumer bytesRead) throws IOException {
		InputStream in = Files.newInputStream(file);
		try {
			in.skipNBytes(Math.min(encoding.bomLength(), Files.size(file)));
			InputStream counted = bytesRead == null ? in : new CountingStream(in, bytesRead);
			Reader text = new InputStreamReader(counted, encoding.charset());
			return new CsvLines(CsvReader.builder()
				.fieldSeparator(delimiter)
				.skipEmptyLines(false)
				.missingFieldStrategy(FieldMismatchStrategy.IGNORE)
				.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
				.ofCsvRecord(text));
		}
		catch (IOException | RuntimeException ex) {
			in.close();
			throw ex;
		}
	}

	@Override
	public List<String> next() {
		if (!records.hasNext()) {
			return null;
		}
		CsvRecord record = records.next();
		line = record.getStartingLineNumber();
		return record.getFields();
	}

	@Override
	public long line() {
		return line;
	}

	@Override
	public void close() throws IOException {
		reader.close();
	}

}
