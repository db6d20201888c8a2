package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.LongConsumer;

/**
 * Reads the leading campaign_id of each line of a CSV or spool file without parsing the
 * rest.
 */
final class LineIds {

	private LineIds() {
	}

	/**
	 * Calls {@code consumer} with the id of each newline-terminated line that begins at
	 * or after {@code offset}. When {@code offset} is not 0 the line it falls into is
	 * passed over as partial; so are lines that do not start with digits and a comma (the
	 * header) and a torn last line.
	 */
	static void scan(FileChannel channel, long offset, LongConsumer consumer) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
		// Start one byte early: if that byte ends a line, the line at offset is read
		// whole.
		long position = Math.max(0, offset - 1);
		boolean skipLine = offset > 0;
		boolean idDone = false;
		long id = 0;
		int digits = 0;
		while (channel.read(buffer, position) > 0) {
			buffer.flip();
			position += buffer.remaining();
			while (buffer.hasRemaining()) {
				byte b = buffer.get();
				if (b == '\n') {
					if (!skipLine && idDone) {
						consumer.accept(id);
					}
					skipLine = false;
					idDone = false;
					id = 0;
					digits = 0;
				}
				else if (skipLine || idDone) {
					continue;
				}
				else if (b >= '0' && b <= '9' && digits < 18) {
					id = id * 10 + (b - '0');
					digits++;
				}
				else if (b == ',' && digits > 0) {
					idDone = true;
				}
				else {
					skipLine = true;
				}
			}
			buffer.clear();
		}
	}

}
