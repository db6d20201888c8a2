package dev.campaignpipe.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real small disk: a tmpfs of a few megabytes mounted on a folder (as root), filled to
 * the last byte with {@code dd} the way a growing log or a download fills a laptop's
 * disk, and freed again. Mounting needs root: elsewhere the tests are reported as
 * skipped, and under CI they fail.
 */
public final class SmallDisk implements AutoCloseable {

	private final Path mountPoint;

	private SmallDisk(Path mountPoint) {
		this.mountPoint = mountPoint;
	}

	/**
	 * Mounts a tmpfs of {@code size} (e.g. {@code "24m"}) on {@code mountPoint}, which
	 * must exist.
	 */
	public static SmallDisk mount(Path mountPoint, String size) throws IOException, InterruptedException {
		String uid = run(List.of("id", "-u")).strip();
		if (!"0".equals(uid)) {
			if ("true".equals(System.getenv("CI"))) {
				fail("CI must run the full-disk tests as root (uid " + uid + "): they mount a real tmpfs");
			}
			Assumptions.abort("mounting a tmpfs needs root (uid " + uid + "): full-disk test not run");
		}
		run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString()));
		return new SmallDisk(mountPoint);
	}

	public Path path() {
		return mountPoint;
	}

	/**
	 * Fills every free byte; whatever tries to grow a file on this disk now gets ENOSPC.
	 */
	public void fill() throws IOException, InterruptedException {
		Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + filler(), "bs=64k").redirectErrorStream(true)
			.start();
		String out = new String(dd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		dd.waitFor(60, TimeUnit.SECONDS);
		assertThat(out).as("dd stopped because the disk was full").contains("No space left on device");
	}

	/** Deletes the filler: the disk has room again. */
	public void free() throws IOException {
		Files.deleteIfExists(filler());
	}

	public long freeBytes() throws IOException {
		return Files.getFileStore(mountPoint).getUsableSpace();
	}

	private Path filler() {
		return mountPoint.resolve("filler");
	}

	/** Unmounts (lazily, should a file still be open). */
	@Override
	public void close() throws IOException {
		try {
			run(List.of("umount", "-l", mountPoint.toString()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while unmounting " + mountPoint, ex);
		}
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
			fail(String.join(" ", command) + " failed: " + out);
		}
		return out;
	}

}
