package dev.campaignpipe.powerbi;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.campaignpipe.csv.Durable;

/**
 * Replaces a file the way Excel saves one: the new content goes to a temporary file in the same
 * folder, is fsync'd, and is renamed over the old file. Readers (Power BI, OneDrive) see the old
 * file or the new one, never half of either, and OneDrive keeps it as a new version of the same
 * item because the name never disappears.
 */
final class AtomicFile {

	@FunctionalInterface
	interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	private AtomicFile() {
	}

	/** Writes {@code content} to a temporary file beside {@code target}; returns it fsync'd. */
	static Path prepare(Path target, Content content) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
		try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
				OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024)) {
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

	/** Renames a prepared file over {@code target}; the temporary file is removed if that fails. */
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
