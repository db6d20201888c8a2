package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import dev.campaignpipe.common.Durable;

/**
 * The durable waiting room for records while campaigns.csv is locked (SPEC §6). Rows are
 * in the CSV's own line format; the first line remembers how long the CSV was when
 * spooling began, so a move interrupted by a crash can tell which spooled rows already
 * reached the CSV.
 *
 * <p>
 * Only the writer thread changes it; {@link #ids()} may be read from any thread.
 */
final class Spool {

	private static final String MARK = "#spool csv-size=";

	static final CsvFile.Opener DEFAULT_OPENER = path -> FileChannel.open(path, StandardOpenOption.CREATE,
			StandardOpenOption.WRITE, StandardOpenOption.APPEND);

	private final Path path;

	private final CsvFile.Opener opener;

	private final WholeAppend appender;

	private final Set<Long> ids = ConcurrentHashMap.newKeySet();

	private long csvSizeAtStart;

	Spool(Path path, CsvFile.Opener opener) {
		this.path = path;
		this.opener = opener;
		this.appender = new WholeAppend(path);
	}

	/**
	 * Reads an existing spool after a restart, dropping a torn last line (its batch was
	 * never acknowledged).
	 */
	void load() throws IOException {
		ids.clear();
		if (!Files.exists(path)) {
			return;
		}
		dropTornLine();
		List<String> lines = readLines();
		if (lines.isEmpty()) {
			Files.delete(path);
			return;
		}
		csvSizeAtStart = Long.parseLong(lines.get(0).substring(MARK.length()).strip());
		for (String line : lines.subList(1, lines.size())) {
			ids.add(idOf(line));
		}
	}

	boolean isEmpty() {
		return ids.isEmpty();
	}

	int size() {
		return ids.size();
	}

	/** Ids waiting in the spool. */
	Set<Long> ids() {
		return ids;
	}

	long csvSizeAtStart() {
		return csvSizeAtStart;
	}

	/**
	 * Appends already formatted lines whole and fsyncs, or leaves the spool as it was and
	 * throws; the first batch also writes the marker line.
	 */
	void append(byte[] lines, List<Long> lineIds, long csvSize) throws IOException {
		Files.createDirectories(path.toAbsolutePath().getParent());
		boolean fresh;
		try (FileChannel channel = opener.openForAppend(path)) {
			appender.finishCutBack(channel);
			// by length, not existence: a crash or a failed first append can leave an
			// empty file
			fresh = channel.size() == 0;
			if (fresh) {
				appender.append(channel, (MARK + csvSize + "\n").getBytes(StandardCharsets.US_ASCII), lines);
				csvSizeAtStart = csvSize;
			}
			else {
				appender.append(channel, lines);
			}
		}
		catch (IOException ex) {
			removeIfEmpty(); // a first append that failed: no spool, rather than an empty
								// one lying around
			throw ex;
		}
		if (fresh) {
			Durable.syncDirectory(path.toAbsolutePath().getParent());
		}
		ids.addAll(lineIds);
	}

	/**
	 * Removes what a failed append left, if its own cut-back failed; throws while it
	 * still cannot.
	 */
	void finishCutBack() throws IOException {
		appender.finishCutBack(opener);
	}

	/** The spooled rows, each with its CRLF, in campaign_id order. */
	List<String> rowsInIdOrder() throws IOException {
		List<String> lines = readLines();
		List<String> rows = new ArrayList<>(lines.subList(Math.min(1, lines.size()), lines.size()));
		rows.sort(Comparator.comparingLong(Spool::idOf));
		return rows;
	}

	/** Removes the spool once its rows are durable in the CSV. */
	void clear() throws IOException {
		Files.deleteIfExists(path);
		appender.forget();
		Durable.syncDirectory(path.toAbsolutePath().getParent());
		ids.clear();
		csvSizeAtStart = 0;
	}

	private void removeIfEmpty() {
		try {
			if (Files.exists(path) && Files.size(path) == 0) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			// load() removes an empty spool at the next start
		}
	}

	private void dropTornLine() throws IOException {
		byte[] bytes = Files.readAllBytes(path);
		int end = bytes.length - 1;
		while (end >= 0 && bytes[end] != '\n') {
			end--;
		}
		if (end + 1 < bytes.length) {
			try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
				channel.truncate(end + 1);
				channel.force(true);
			}
		}
	}

	/**
	 * Whole lines only: text after the last line break is a torn write and is not
	 * returned.
	 */
	private List<String> readLines() throws IOException {
		String text = Files.readString(path, StandardCharsets.UTF_8);
		int end = text.lastIndexOf('\n');
		List<String> lines = new ArrayList<>();
		int start = 0;
		while (start <= end) {
			int next = text.indexOf('\n', start);
			lines.add(text.substring(start, next + 1));
			start = next + 1;
		}
		if (!lines.isEmpty() && !lines.get(0).startsWith(MARK)) {
			throw new IOException("spool file " + path + " does not start with '" + MARK + "'");
		}
		if (!lines.isEmpty()) {
			lines.set(0, lines.get(0).strip());
		}
		return lines;
	}

	private static long idOf(String line) {
		return Long.parseLong(line.substring(0, line.indexOf(',')));
	}

}
