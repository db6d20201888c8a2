package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per data folder: a second process appending to the same CSV would hand out
 * the same ids. The operating system releases the lock if the process dies.
 */
final class DataFolderLock {

	private final Path lockFile;

	private final Path csv;

	private FileChannel lock;

	DataFolderLock(Path lockFile, Path csv) {
		this.lockFile = lockFile;
		this.csv = csv;
	}

	void take() {
		try {
			Files.createDirectories(lockFile.getParent());
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock acquired = channel.tryLock();
			if (acquired == null) {
				channel.close();
				throw new IllegalStateException("another campaign-pipeline is already writing " + csv + " (lock "
						+ lockFile + "); stop it, or use its web page or API");
			}
			lock = channel;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot lock " + lockFile + ": " + ex.getMessage(), ex);
		}
	}

	void release() {
		try {
			if (lock != null) {
				lock.close();
				lock = null;
			}
		}
		catch (IOException ex) {
			// released with the process anyway
		}
	}

}
