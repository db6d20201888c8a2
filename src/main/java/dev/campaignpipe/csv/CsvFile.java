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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.campaign.CampaignColumns;

/**
 * campaigns.csv on disk: created atomically with its header, appended to durably, and repaired
 * after a crash. Every write opens the file anew, because "Excel has it open" shows up exactly
 * there — as a failure to open for writing (a sharing violation on Windows, EPERM for a file made
 * immutable on Linux).
 */
final class CsvFile {

	/** How the file is opened for appending; tests replace it to simulate a lock without root. */
	@FunctionalInterface
	interface Opener {

		FileChannel openForAppend(Path path) throws IOException;

	}

	static final Opener DEFAULT_OPENER = path -> FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

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

	long size() throws IOException {
		return Files.exists(path) ? Files.size(path) : 0;
	}

	/** Identity of the file on disk, which changes when it is replaced (Excel saves by rename). */
	String fileKey() throws IOException {
		if (!Files.exists(path)) {
			return "";
		}
		BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
		Object key = attributes.fileKey();
		return key != null ? key.toString() : "created=" + attributes.creationTime().toMillis();
	}

	/**
	 * Appends {@code bytes} whole and fsyncs, or leaves the file as it was and throws; creates the
	 * file with its header first if it does not exist.
	 */
	void append(byte[] bytes) throws IOException {
		if (!Files.exists(path)) {
			appender.forget();
			create();
		}
		try (FileChannel channel = opener.openForAppend(path)) {
			appender.append(channel, bytes);
		}
	}

	/** Whether a failed append may have left bytes that could not be cut off yet. */
	boolean cutBackPending() {
		return appender.cutBackPending();
	}

	/** Writes BOM and header to a temporary file, fsyncs it and renames it into place, so no reader sees half a header. */
	private void create() throws IOException {
		Path dir = path.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
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
			Files.deleteIfExists(tmp); // left by a failure (a full disk): it would hold space and clutter the folder
		}
		Durable.syncDirectory(dir);
	}

	/**
	 * Makes the file end on a whole line. A crash mid-append leaves at most one torn last line: it
	 * is removed. A last line that only lacks its line break (a file saved by hand) is complete and
	 * gets its CRLF instead.
	 * @return {@code true} if the file was changed
	 */
	boolean repairTail() throws IOException {
		long size = size();
		if (size == 0) {
			return false;
		}
		try (FileChannel channel = opener.openForAppend(path); FileChannel reader = FileChannel.open(path)) {
			appender.finishCutBack(channel); // our own stray bytes first: they are not a line to keep
			size = channel.size();
			if (size == 0) {
				return true;
			}
			long start = Math.max(0, size - TAIL_WINDOW);
			ByteBuffer tail = ByteBuffer.allocate((int) (size - start));
			reader.read(tail, start);
			byte[] bytes = tail.array();
			if (bytes[bytes.length - 1] == '\n') {
				return false;
			}
			int lastNewline = bytes.length - 1;
			while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
				lastNewline--;
			}
			String lastLine = new String(bytes, lastNewline + 1, bytes.length - lastNewline - 1, StandardCharsets.UTF_8);
			if (isCompleteRow(lastLine)) {
				channel.write(ByteBuffer.wrap(lastLine.endsWith("\r") ? new byte[] { '\n' } : new byte[] { '\r', '\n' }));
			}
			else {
				channel.truncate(start + lastNewline + 1);
			}
			channel.force(true);
			return true;
		}
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
	 * Streams the leading id of each complete line from {@code offset} on. A line that does not
	 * start with digits (header, a partial first line) is passed over.
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
