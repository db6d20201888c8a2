package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync helpers. */
public final class Durable {

	private Durable() {
	}

	/**
	 * Makes a rename or a new file in {@code dir} durable. POSIX needs the directory itself synced;
	 * Windows cannot open a directory this way and makes renames durable by itself, so the failure
	 * there is expected and ignored.
	 */
	public static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// not supported on this platform
		}
	}

}
