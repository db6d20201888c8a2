package dev.campaignpipe.csv;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.status.Banners;
import dev.campaignpipe.support.CsvAssertions;
import dev.campaignpipe.support.FileLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * campaigns.csv held by another program (Excel): records go to the spool and arrive
 * afterwards, in order, once.
 */
class CsvLockTests {

	@TempDir
	Path dir;

	private final boolean real = FileLock.realLockAvailable();

	/**
	 * Used only where the real lock is unavailable (not root): refuses to open while
	 * "locked".
	 */
	private volatile boolean seamLocked;

	private Path csv;

	private void lock() {
		if (real) {
			FileLock.lock(csv);
		}
		seamLocked = true;
	}

	private void unlock() {
		if (real) {
			FileLock.unlock(csv);
		}
		seamLocked = false;
	}

	@AfterEach
	void release() {
		if (csv != null && real) {
			FileLock.unlock(csv); // never leave an immutable file behind in the temp
									// folder
		}
	}

	private CsvWriterService startWriter() {
		csv = dir.resolve("campaigns.csv");
		CsvFile.Opener opener = real ? CsvFile.DEFAULT_OPENER : path -> {
			if (seamLocked) {
				throw new AccessDeniedException(path.toString(), null, "locked by another process");
			}
			return CsvFile.DEFAULT_OPENER.openForAppend(path);
		};
		return WriterHarness.start(dir, opener);
	}

	@Test
	void whileLockedRecordsAreSpooledAndAcknowledgedThenMovedInIdOrderExactlyOnce() throws Exception {
		CsvWriterService writer = startWriter();
		Banners banners = new Banners(writer, () -> null, () -> null);
		for (int i = 0; i < 10; i++) {
			assertThat(writer.submit(TestCampaigns.workedExample()).location()).isEqualTo(Location.CSV);
		}
		assertThat(banners.current()).isEmpty();

		lock();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Receipt>> futures = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			futures.add(pool.submit(() -> writer.submit(TestCampaigns.workedExample())));
		}
		for (Future<Receipt> f : futures) {
			assertThat(f.get().location()).isEqualTo(Location.SPOOL);
		}
		WriterStatus locked = writer.status();
		assertThat(locked.csvLocked()).isTrue();
		assertThat(locked.spoolSize()).isEqualTo(100);
		assertThat(banners.current()).singleElement()
			.satisfies(b -> assertThat(b.message())
				.startsWith("campaigns.csv is open in another program — 100 records waiting, nothing is lost"));
		assertThat(writer.locate(50).orElseThrow().location()).isEqualTo(Location.SPOOL);
		// several retries fail meanwhile: all 100 stay in the spool, none moves while
		// locked
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.until(() -> writer.status().spoolSize() == 100 && writer.status().csvLocked());

		unlock();
		waitUntil(() -> writer.status().spoolSize() == 0 && !writer.status().csvLocked(), Duration.ofSeconds(10));
		assertThat(banners.current()).isEmpty();
		assertThat(writer.locate(50).orElseThrow().location()).isEqualTo(Location.CSV);
		assertThat(writer.submit(TestCampaigns.workedExample()).location()).isEqualTo(Location.CSV);
		pool.shutdown();
		writer.stop();

		List<Long> ids = CsvAssertions.ids(CsvAssertions.readValidCsv(csv));
		assertThat(ids).hasSize(111).doesNotHaveDuplicates().isSorted();
		assertThat(ids).startsWith(1L).endsWith(111L);
	}

	@Test
	void aCsvLockedAtStartUpStillAcceptsRecordsAndARestartWhileLockedLosesNone() throws Exception {
		CsvWriterService writer = startWriter();
		writer.submit(TestCampaigns.workedExample());
		writer.stop();

		lock();
		CsvWriterService whileLocked = startWriter();
		for (int i = 0; i < 20; i++) {
			assertThat(whileLocked.submit(TestCampaigns.workedExample()).location()).isEqualTo(Location.SPOOL);
		}
		whileLocked.stop(); // the spool outlives the process

		CsvWriterService restarted = startWriter();
		assertThat(restarted.status().spoolSize()).isEqualTo(20);
		assertThat(restarted.submit(TestCampaigns.workedExample()).stored().id()).isEqualTo(22);
		unlock();
		waitUntil(() -> restarted.status().spoolSize() == 0, Duration.ofSeconds(10));
		restarted.stop();
		assertThat(CsvAssertions.ids(CsvAssertions.readValidCsv(csv))).hasSize(22).doesNotHaveDuplicates().isSorted();
	}

	static void waitUntil(BooleanSupplier condition, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
	}

}
