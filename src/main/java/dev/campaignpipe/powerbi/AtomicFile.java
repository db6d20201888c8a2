package dev.campaignpipe.powerbi;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.campaignpipe.common.Durable;

/**
 * Replaces a file the way Excel saves one: the new content goes to a temporary file in
 * the same folder, is fsync'd, and is renamed over the old file. Readers (Power BI,
 * OneDrive) see the old file or the new one, never half of either, and OneDrive keeps it
 * as a new version of the same item because the name never disappears.
 */
final class AtomicFile {

	@FunctionalInterface
	interface Content {

		void writeTo(Sink out) throws IOException;

	}

	/**
	 * Where new content goes: buffered, and written back to disk every
	 * {@link #SYNC_EVERY} bytes rather than all at the final fsync. On a journaling file
	 * system (ext4's ordered mode) the CSV writer's fsync of a small append waits for a
	 * commit that can include every block the export has written so far; with ~250 MB
	 * flushed at once, acknowledgements stalled for the ~200 ms it took, every few
	 * seconds under load. Bounded steps keep that wait to a few milliseconds.
	 */
	static final class Sink extends OutputStream {

		static final long SYNC_EVERY = 8L * 1024 * 1024;

		private final FileChannel channel;

		private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);

		private long unsynced;

		private Sink(FileChannel channel) {
			this.channel = channel;
		}

		@Override
		public void write(int b) throws IOException {
			if (!buffer.hasRemaining()) {
				drain();
			}
			buffer.put((byte) b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			while (length > 0) {
				if (!buffer.hasRemaining()) {
					drain();
				}
				int n = Math.min(length, buffer.remaining());
				buffer.put(bytes, offset, n);
				offset += n;
				length -= n;
			}
		}

		/**
		 * Appends {@code count} bytes of {@code source} from {@code position}, copied by
		 * the kernel without passing through the Java heap.
		 * @throws EOFException if the source ends early (it was cut while being read)
		 */
		void transferFrom(FileChannel source, long position, long count) throws IOException {
			drain();
			long end = position + count;
			while (position < end) {
				long n = source.transferTo(position, Math.min(end - position, SYNC_EVERY), channel);
				if (n <= 0) {
					throw new EOFException("source ended at byte " + position + " of " + end);
				}
				position += n;
				written(n);
			}
		}

		@Override
		public void flush() throws IOException {
			drain();
		}

		private void drain() throws IOException {
			buffer.flip();
			int n = buffer.remaining();
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			buffer.clear();
			written(n);
		}

		private void written(long n) throws IOException {
			unsynced += n;
			if (unsynced >= SYNC_EVERY) {
				channel.force(false);
				unsynced = 0;
			}
		}

	}

	private AtomicFile() {
	}

	/**
	 * Writes {@code content} to a temporary file beside {@code target}; returns it
	 * fsync'd.
	 */
	static Path prepare(Path target, Content content) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = Durable.newReplacementFile(dir, target);
		try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
			Sink out = new Sink(channel);
			content.writeTo(out);
			out.flush();
			channel.force(true);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(tmp);
			throw ex;
		}
		return tmp;
	}

	/**
	 * Renames a prepared file over {@code target}; the temporary file is removed if that
	 * fails.
	 */
	static void commit(Path tmp, Path target) throws IOException {
		try {
			try {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			Files.deleteIfExists(tmp);
			throw ex;
		}
		Durable.syncDirectory(target.toAbsolutePath().getParent());
	}

	static void replace(Path target, Content content) throws IOException {
		commit(prepare(target, content), target);
	}

}
