package dev.campaignpipe.csvfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads whole records from a byte offset on, never the whole file. A record ends at a
 * line break outside quotes, so a value that Excel saved with a line break inside stays
 * one record; bytes after the last complete record (a line being written) are left for
 * the next read.
 */
public final class CsvTail {

	/** Records read, and the offset just past the last one. */
	public record Chunk(List<CsvLine> lines, long endOffset, long endLine) {
	}

	/** The parsed header line and where the data after it starts. */
	public record Header(RowReader reader, long dataOffset, long dataLine) {
	}

	/**
	 * Physical lines one record may span (a quoted value with line breaks) before its
	 * open quote counts as stray.
	 */
	public static final int MAX_SPAN = 20;

	/** Separators a line needs to count as a record (both layouts have 25 or more). */
	static final int MIN_SEPARATORS = 12;

	private CsvTail() {
	}

	/** The file's header, or {@code null} while it has no complete first line. */
	public static Header header(Path file) throws IOException {
		Chunk first = read(file, 0, 0, 1, 64 * 1024);
		return first.lines().isEmpty() ? null
				: new Header(RowReader.fromHeader(first.lines().get(0).text()), first.endOffset(), first.endLine());
	}

	public static Chunk read(Path file, long offset, long lineNumber, int maxLines, int maxBytes) throws IOException {
		try (FileChannel channel = FileChannel.open(file)) {
			long size = channel.size();
			int length = (int) Math.min(maxBytes, Math.max(0, size - offset));
			ByteBuffer buffer = ByteBuffer.allocate(length);
			while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
				// keep reading until the window is full
			}
			return split(buffer.array(), buffer.position(), offset, lineNumber, maxLines);
		}
	}

	static Chunk split(byte[] bytes, int length, long offset, long lineNumber, int maxLines) {
		List<CsvLine> lines = new ArrayList<>();
		int start = 0;
		boolean quoted = false;
		int span = 0; // line breaks inside the open quote of the current record
		long line = lineNumber;
		for (int i = 0; i < length && lines.size() < maxLines; i++) {
			byte b = bytes[i];
			if (b == '"') {
				quoted = !quoted;
			}
			else if (b == '\n' && quoted && !strayQuote(bytes, length, i, ++span)) {
				continue; // a line break inside a quoted value: the record goes on
			}
			else if (b == '\n') {
				int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
				lines.add(new CsvLine(offset + start, line + 1,
						new String(bytes, start, end - start, StandardCharsets.UTF_8)));
				line += 1 + countNewlines(bytes, start, end);
				start = i + 1;
				quoted = false;
				span = 0;
			}
		}
		return new Chunk(lines, offset + start, line);
	}

	/**
	 * Whether the quote open at the line break at {@code newline} is a stray one (a quote
	 * typed into a cell, bytes a crash left) rather than a value with line breaks.
	 * Without this, every record appended after a stray quote would wait forever to be
	 * read: the rest of the file would be one open value. The quote is stray when the
	 * record has spanned {@link #MAX_SPAN} line breaks, or when the next line is complete
	 * and looks like a record of its own (a campaign_id, a comma, at least
	 * {@link #MIN_SEPARATORS} separators, its own quotes closed) — which a value's next
	 * line does not. The record then ends at this line break (it is quarantined as
	 * unreadable) and the next one starts after it. Decided only from complete lines, so
	 * a read in smaller windows ends its records where a whole read does.
	 */
	private static boolean strayQuote(byte[] bytes, int length, int newline, int span) {
		if (span >= MAX_SPAN) {
			return true;
		}
		for (int end = newline + 1; end < length; end++) {
			if (bytes[end] == '\n') {
				return startsRecord(new String(bytes, newline + 1, end - newline - 1, StandardCharsets.ISO_8859_1));
			}
		}
		return false; // the next line is not complete yet: decide when it is
	}

	/**
	 * Whether a complete line looks like a record of its own rather than the next line of
	 * a value with line breaks: a campaign_id, a comma, at least {@link #MIN_SEPARATORS}
	 * separators, its own quotes closed. The rule every reader of campaigns.csv uses to
	 * end a record at a stray quote (see {@link #split}).
	 */
	public static boolean startsRecord(String line) {
		int digits = 0;
		while (digits < line.length() && line.charAt(digits) >= '0' && line.charAt(digits) <= '9') {
			digits++;
		}
		if (digits == 0 || digits >= line.length() || line.charAt(digits) != ',') {
			return false;
		}
		boolean quoted = false;
		int separators = 0;
		for (int i = digits; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				separators++;
			}
		}
		return !quoted && separators >= MIN_SEPARATORS;
	}

	private static int countNewlines(byte[] bytes, int from, int to) {
		int count = 0;
		for (int i = from; i < to; i++) {
			if (bytes[i] == '\n') {
				count++;
			}
		}
		return count;
	}

	/** Line breaks between {@code from} and the end of the file, for "records behind". */
	public static long countLines(Path file, long from, long limitBytes) throws IOException {
		try (FileChannel channel = FileChannel.open(file)) {
			long end = Math.min(channel.size(), from + limitBytes);
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			long count = 0;
			long position = from;
			while (position < end) {
				buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
				int read = channel.read(buffer, position);
				if (read <= 0) {
					break;
				}
				for (int i = 0; i < read; i++) {
					if (buffer.get(i) == '\n') {
						count++;
					}
				}
				position += read;
			}
			return count;
		}
	}

}
