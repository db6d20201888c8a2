package dev.campaignpipe.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/** fsync helpers, and the temporary files that atomic replacements are written to. */
public final class Durable {

	private static final SecureRandom NAMES = new SecureRandom();

	private Durable() {
	}

	/**
	 * A new empty file in {@code dir} to write a replacement of {@code target} into.
	 * Unlike {@link Files#createTempFile}, which makes files readable by their owner only
	 * (0600), it gets the permissions any program's new file gets there (the umask
	 * applies), or, when {@code target} exists, the target's own — so a rename over it
	 * changes the content, not who may read it (a Power BI service account, a OneDrive
	 * client, a colleague's group).
	 */
	public static Path newReplacementFile(Path dir, Path target) throws IOException {
		Path tmp;
		while (true) {
			tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(NAMES.nextLong(), 36) + ".tmp");
			try {
				Files.createFile(tmp);
				break;
			}
			catch (FileAlreadyExistsException ex) {
				// another name
			}
		}
		try {
			if (Files.exists(target)
					&& Files.getFileStore(target).supportsFileAttributeView(PosixFileAttributeView.class)) {
				Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
			}
		}
		catch (IOException ex) {
			Files.deleteIfExists(tmp);
			throw ex;
		}
		return tmp;
	}

	/**
	 * Makes a rename or a new file in {@code dir} durable. POSIX needs the directory
	 * itself synced; Windows cannot open a directory this way and makes renames durable
	 * by itself, so the failure there is expected and ignored.
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
