package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.common.Durable;
import dev.campaignpipe.csvfile.CsvFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * campaigns.csv on disk: created atomically with its header, appended to durably, and
 * repaired after a crash. Every write opens the file anew, because "Excel has it open"
 * shows up exactly there — as a failure to open for writing (a sharing violation on
 * Windows, EPERM for a file made immutable on Linux).
 */
final class CsvFile {

	private static final Logger log = LoggerFactory.getLogger(CsvFile.class);

	/**
	 * How the file is opened for appending; tests replace it to simulate a lock without
	 * root.
	 */
	@FunctionalInterface
	interface Opener {

		FileChannel openForAppend(Path path) throws IOException;

	}

	static final Opener DEFAULT_OPENER = path -> FileChannel.open(path, StandardOpenOption.WRITE,
			StandardOpenOption.APPEND);

	private static final int TAIL_WINDOW = 64 * 1024;

	private final Path path;

	private final Opener opener;

	private final WholeAppend appender;

	CsvFile(Path path, Opener opener) {
		this.path = path;
		this.opener = opener;
		this.appender = new WholeAppend(path);
	}

	Path path() {
		return path;
	}

	/**
	 * Whether the file can be opened for writing now (not while Excel holds it) — checked
	 * before work that is wasted if it cannot.
	 */
	boolean writable() {
		try {
			opener.openForAppend(path).close();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	long size() throws IOException {
		return Files.exists(path) ? Files.size(path) : 0;
	}

	/**
	 * Appends {@code bytes} whole and fsyncs, or leaves the file as it was and throws;
	 * creates the file with its header first if it does not exist.
	 * @return the file's length after the append
	 */
	long append(byte[] bytes) throws IOException {
		if (!Files.exists(path)) {
			appender.forget();
			create();
		}
		try (FileChannel channel = opener.openForAppend(path)) {
			return appender.append(channel, bytes);
		}
	}

	/**
	 * Writes BOM and header to a temporary file, fsyncs it and renames it into place, so
	 * no reader sees half a header.
	 */
	private void create() throws IOException {
		Path dir = path.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = Durable.newReplacementFile(dir, path);
		try {
			try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
				channel.write(ByteBuffer.wrap(CsvFormat.header()));
				channel.force(true);
			}
			try {
				Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, path);
			}
		}
		finally {
			Files.deleteIfExists(tmp); // left by a failure (a full disk): it would hold
										// space and clutter the folder
		}
		Durable.syncDirectory(dir);
	}

	/**
	 * Makes the file end on a whole line, so the next append starts a line of its own. A
	 * last line without its line break that starts at or after {@code ownAppendFrom} is
	 * this writer's own append cut short by a crash (its fsync never returned, so it was
	 * never acknowledged): it is removed, whatever its field count — a row torn right
	 * after a field boundary can have exactly the fields of a whole one. A last line that
	 * starts earlier was written by someone else (a tool that drops the final CRLF) and
	 * gets its CRLF; the sync quarantines it if it is broken. With {@code ownAppendFrom}
	 * unknown (negative: a mark from an older version) the field count decides.
	 * @return {@code true} if the file was changed
	 */
	boolean repairTail(long ownAppendFrom) throws IOException {
		if (size() == 0) {
			return false;
		}
		try (FileChannel channel = opener.openForAppend(path); FileChannel reader = FileChannel.open(path)) {
			appender.finishCutBack(channel); // our own stray bytes first: they are not a
												// line to keep
			long size = channel.size();
			long start = Math.max(0, size - TAIL_WINDOW);
			ByteBuffer tail = ByteBuffer.allocate((int) (size - start));
			reader.read(tail, start);
			byte[] bytes = tail.array();
			if (bytes.length == 0 || bytes[bytes.length - 1] == '\n') {
				return false;
			}
			int lastNewline = bytes.length - 1;
			while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
				lastNewline--;
			}
			long lineStart = start + lastNewline + 1;
			String lastLine = new String(bytes, lastNewline + 1, bytes.length - lastNewline - 1,
					StandardCharsets.UTF_8);
			boolean ours = ownAppendFrom >= 0 ? lineStart >= ownAppendFrom : !isCompleteRow(lastLine);
			if (ours) {
				channel.truncate(lineStart);
				log.warn("{}: removed the unfinished last line at byte {}, never acknowledged: {}", path, lineStart,
						abbreviate(lastLine));
			}
			else {
				channel
					.write(ByteBuffer.wrap(lastLine.endsWith("\r") ? new byte[] { '\n' } : new byte[] { '\r', '\n' }));
			}
			channel.force(true);
			return true;
		}
	}

	/**
	 * Removes what a failed append left, if its own cut-back failed; throws while it
	 * still cannot.
	 */
	void finishCutBack() throws IOException {
		appender.finishCutBack(opener);
	}

	private static String abbreviate(String text) {
		return text.length() <= 200 ? text : text.substring(0, 200) + "…";
	}

	private static boolean isCompleteRow(String line) {
		String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
		try {
			CsvRecord record = CsvReader.builder().ofSingleCsvRecord(text);
			int count = record.getFieldCount();
			return count == CampaignColumns.ALL.size() || count == CampaignColumns.ORIGINAL.size();
		}
		catch (RuntimeException ex) {
			return false; // an unterminated quote: cut off mid-field
		}
	}

	/** The highest campaign_id among the last lines of the file, 0 if there is none. */
	long maxIdInTail() throws IOException {
		long size = size();
		long[] max = { 0 };
		forEachId(Math.max(0, size - TAIL_WINDOW), id -> max[0] = Math.max(max[0], id));
		return max[0];
	}

	/** Every campaign_id on a whole line starting at or after {@code offset}. */
	Set<Long> idsFrom(long offset) throws IOException {
		Set<Long> ids = new HashSet<>();
		forEachId(offset, ids::add);
		return ids;
	}

	/**
	 * Streams the leading id of each complete line from {@code offset} on. A line that
	 * does not start with digits (header, a partial first line) is passed over.
	 */
	private void forEachId(long offset, LongConsumer consumer) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(path)) {
			LineIds.scan(channel, offset, consumer);
		}
	}

}
