package dev.campaignpipe.preset;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * The first sheet of an XLSX export (Meta's default download) as lines of cells, streamed
 * (fastexcel-reader: the sheet's XML is parsed as it is read, never held whole). Numbers
 * come as Excel holds them, to its 15 significant digits; cells formatted as dates come
 * as ISO dates. A file is checked against {@link WorkbookLimits} before it is read.
 */
final class WorkbookLines implements ExportLines {

	/** Excel keeps 15 significant digits; the rest of a stored double is noise. */
	private static final MathContext EXCEL_PRECISION = new MathContext(15);

	private final ReadableWorkbook workbook;

	private final Stream<Row> stream;

	private final Iterator<Row> rows;

	private long line;

	private WorkbookLines(ReadableWorkbook workbook, Stream<Row> stream) {
		this.workbook = workbook;
		this.stream = stream;
		this.rows = stream.iterator();
	}

	/** Whether the file is a zip archive (an XLSX), by its first bytes. */
	static boolean isWorkbook(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(4);
			return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
		}
	}

	/** Opens a workbook {@link #check} has let through. */
	static WorkbookLines open(Path file) throws IOException {
		ReadableWorkbook workbook = null;
		try {
			workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
			return new WorkbookLines(workbook, workbook.getFirstSheet().openStream());
		}
		catch (IOException | RuntimeException ex) {
			if (workbook != null) {
				workbook.close();
			}
			throw new UnreadableExportException("the XLSX file cannot be read (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Refuses an archive with too many parts, or whose parts unpack — counted, not as
	 * declared — to more than the limit; and one that is damaged or cut short.
	 */
	static void check(Path file, WorkbookLimits limits) throws IOException {
		long max = limits.maxUnpacked().toBytes();
		long unpacked = 0;
		byte[] buffer = new byte[1 << 16];
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.size() > limits.maxEntries()) {
				throw new UnreadableExportException("the XLSX file holds " + zip.size() + " parts, more than "
						+ limits.maxEntries() + " (pipeline.workbooks.max-entries): not an export, refused");
			}
			for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
				ZipEntry entry = entries.nextElement();
				boolean sharedStrings = entry.getName().equalsIgnoreCase("xl/sharedStrings.xml");
				long strings = 0;
				try (InputStream in = zip.getInputStream(entry)) {
					for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
						unpacked += n;
						strings += sharedStrings ? n : 0;
						if (strings > limits.maxSharedStrings().toBytes()) {
							throw new UnreadableExportException("the XLSX file's shared strings unpack to more than "
									+ limits.maxSharedStrings().toMegabytes()
									+ " MB (pipeline.workbooks.max-shared-strings): they would be held in memory, "
									+ "refused; save it as CSV and import that");
						}
						if (unpacked > max) {
							throw new UnreadableExportException(
									"the XLSX file unpacks to more than " + limits.maxUnpacked().toMegabytes()
											+ " MB (pipeline.workbooks.max-unpacked): a zip bomb or not an "
											+ "export, refused");
						}
					}
				}
			}
		}
		catch (ZipException | java.io.EOFException ex) {
			throw new UnreadableExportException(
					"the XLSX file is damaged or cut short (" + ex.getMessage() + "): download it again");
		}
	}

	@Override
	public List<String> next() {
		if (!rows.hasNext()) {
			return null;
		}
		Row row = rows.next();
		line = row.getRowNum();
		List<String> cells = new ArrayList<>(row.getCellCount());
		for (int i = 0; i < row.getCellCount(); i++) {
			cells.add(text(row.getCell(i)));
		}
		return cells;
	}

	/** Beyond this many decimals (or zeros), no field can hold a number. */
	private static final int MAX_PLAIN_SCALE = 40;

	private static String text(Cell cell) {
		if (cell == null || cell.getType() == CellType.EMPTY) {
			return "";
		}
		if (cell.getType() == CellType.NUMBER) {
			String raw = cell.getRawValue();
			BigDecimal number;
			try {
				number = new BigDecimal(raw).round(EXCEL_PRECISION).stripTrailingZeros();
			}
			catch (NumberFormatException ex) {
				return raw; // not a number after all: the field's own check names it
			}
			if (Math.abs((long) number.scale()) > MAX_PLAIN_SCALE) {
				// 1E+999999999 written out is a billion digits: out of every field's
				// range,
				// it stays as written and is rejected as such
				return number.toString();
			}
			String format = cell.getDataFormatString();
			if (format != null && isDateFormat(format)) {
				return cell.asDate().toLocalDate().toString();
			}
			return number.toPlainString();
		}
		String text = cell.getText();
		return text == null ? "" : text;
	}

	/** A number format that shows a date (y, d or m outside quotes and brackets). */
	private static boolean isDateFormat(String format) {
		String plain = format.replaceAll("\"[^\"]*\"|\\[[^]]*]", "").toLowerCase(Locale.ROOT);
		return plain.contains("y") || plain.contains("d") || (plain.contains("m") && !plain.contains("0"));
	}

	@Override
	public long line() {
		return line;
	}

	@Override
	public void close() throws IOException {
		try {
			stream.close();
		}
		finally {
			workbook.close();
		}
	}

}
