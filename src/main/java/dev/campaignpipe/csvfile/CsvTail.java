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
		long line = lineNumber;
		for (int i = 0; i < length && lines.size() < maxLines; i++) {
			byte b = bytes[i];
			if (b == '"') {
				quoted = !quoted;
			}
			else if (b == '\n' && !quoted) {
				int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
				lines.add(new CsvLine(offset + start, line + 1,
						new String(bytes, start, end - start, StandardCharsets.UTF_8)));
				line += 1 + countNewlines(bytes, start, end);
				start = i + 1;
			}
		}
		return new Chunk(lines, offset + start, line);
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
