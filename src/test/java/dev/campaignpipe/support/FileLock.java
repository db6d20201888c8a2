package dev.campaignpipe.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Makes a file unwritable the way "Excel has it open" looks to a writer: on Linux as
 * root, {@code chattr +i}, which refuses opening for writing even to root. Where that is
 * impossible (not root, no chattr) tests fall back to the writer's file-opening seam —
 * except under CI, which must run the real thing.
 */
public final class FileLock {

	private FileLock() {
	}

	/** Whether the real immutable-file lock works on this machine. */
	public static boolean realLockAvailable() {
		try {
			Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
			String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			p.waitFor(5, TimeUnit.SECONDS);
			boolean available = "0".equals(uid) && Path.of("/usr/bin/chattr").toFile().canExecute();
			if (!available && "true".equals(System.getenv("CI"))) {
				fail("CI must run the lock tests with the real chattr +i as root (uid " + uid + ")");
			}
			return available;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	public static void lock(Path file) {
		chattr("+i", file);
	}

	public static void unlock(Path file) {
		chattr("-i", file);
	}

	private static void chattr(String flag, Path file) {
		try {
			Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
				fail("chattr " + flag + " " + file + " failed: " + out);
			}
		}
		catch (IOException ex) {
			fail("chattr could not run: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail("interrupted");
		}
	}

}
