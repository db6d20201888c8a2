package dev.campaignpipe.csv;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.support.CsvAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer when a write fails half-way (a full disk, an I/O error): whatever was
 * answered as saved is in the CSV exactly once, whatever was refused is nowhere, and no
 * line is torn or merged — across the failure, the recovery and a restart. The disk is
 * simulated by channels that stop after N bytes; the real thing is in
 * FullDiskIntegrationTests.
 */
class FailedWriteTests {

	@TempDir
	Path dir;

	/**
	 * One disk under both files: when it is full, the CSV and the spool fail together.
	 */
	private final FailingChannel.Faults disk = new FailingChannel.Faults();

	/** Where the spool lives; the same disk unless a test puts it elsewhere. */
	private FailingChannel.Faults spoolDisk = disk;

	/**
	 * A CSV that a second fault source can make unreadable for the writer, like Excel's
	 * lock.
	 */
	private volatile boolean csvLocked;

	private final Set<Long> acknowledged = new HashSet<>();

	private int refused;

	/** What the last refused submission was answered with. */
	private Throwable lastRefusal;

	private CsvWriterService writer;

	@AfterEach
	void stop() {
		if (writer != null) {
			writer.stop();
		}
	}

	private CsvWriterService start() {
		CsvFile.Opener csv = path -> {
			if (csvLocked) {
				throw new AccessDeniedException(path.toString(), null, "locked by another process");
			}
			return CsvFile.DEFAULT_OPENER.openForAppend(path);
		};
		writer = WriterHarness.start(dir, disk.around(csv), spoolDisk.around(Spool.DEFAULT_OPENER), event -> {
		});
		return writer;
	}

	/**
	 * Submits {@code count} records at once (they form one or a few batches) and sorts
	 * the answers.
	 */
	private void submit(int count) throws InterruptedException {
		List<CompletableFuture<Receipt>> answers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			answers.add(writer.submitAsync(TestCampaigns.workedExample(), null, 0));
		}
		for (CompletableFuture<Receipt> answer : answers) {
			try {
				assertThat(acknowledged.add(answer.get().stored().id())).as("ids are unique").isTrue();
			}
			catch (ExecutionException ex) {
				refused++;
				lastRefusal = ex.getCause();
			}
		}
	}

	private List<Long> idsInCsv() throws Exception {
		return CsvAssertions.ids(CsvAssertions.readValidCsv(dir.resolve("campaigns.csv")));
	}

	private void assertEveryAcknowledgedRecordOnceAndNothingElse() throws Exception {
		List<Long> ids = idsInCsv();
		assertThat(ids).doesNotHaveDuplicates().isSorted();
		assertThat(new HashSet<>(ids)).isEqualTo(acknowledged);
	}

	@ParameterizedTest(name = "disk full after {0} more bytes")
	@ValueSource(ints = { 0, 1, 120, 377, 1000, 3000 }) // a row is ~250 bytes: nothing,
														// mid-row, past whole rows
	void aDiskThatFillsMidBatchCostsNoAcknowledgedRecordAndTearsNoLine(int room) throws Exception {
		start();
		submit(5);
		disk.budget.set(room);
		submit(30);
		assertThat(refused).as("the disk ran out before the last record").isPositive();
		assertThat(writer.status().refusingSince()).isNotNull();
		assertThat(lastRefusal).as("the refusal says why in the user's words")
			.hasMessage("disk full: No space left on device");
		assertThat(writer.status().lastError()).isEqualTo("disk full: No space left on device");
		assertEveryAcknowledgedRecordOnceAndNothingElse();

		disk.healed();
		submit(5);
		assertThat(writer.status().refusingSince()).isNull();
		assertEveryAcknowledgedRecordOnceAndNothingElse();

		writer.stop();
		start(); // a restart after the failure finds no torn line and nothing
					// unacknowledged
		assertEveryAcknowledgedRecordOnceAndNothingElse();
		submit(1);
		assertEveryAcknowledgedRecordOnceAndNothingElse();
		assertThat(Files.exists(dir.resolve("state/spool.csv"))).isFalse();
	}

	@Test
	void aFailedFsyncIsNotAnAcknowledgement() throws Exception {
		start();
		submit(3);
		disk.failingForces.set(1_000); // every fsync fails, the cut-back's own included
		submit(1);
		assertThat(refused).isEqualTo(1);
		assertThat(lastRefusal.getMessage()).as("an I/O error is not called a full disk")
			.contains("Input/output error")
			.doesNotContain("disk full");
		disk.healed();
		submit(2);
		assertEveryAcknowledgedRecordOnceAndNothingElse();
		assertThat(acknowledged).hasSize(5);
	}

	@Test
	void aCsvThatCannotBeCutBackTakesNothingMoreAndTheSpoolCarriesTheRecords() throws Exception {
		spoolDisk = new FailingChannel.Faults(); // the spool on a disk with room
		start();
		submit(3);
		disk.budget.set(100); // mid-row in the CSV...
		disk.failingTruncates.set(1); // ...which then cannot be cut back
		Receipt spooled = writer.submit(TestCampaigns.workedExample());
		assertThat(spooled.location()).isEqualTo(Location.SPOOL);
		acknowledged.add(spooled.stored().id());
		disk.budget.set(Long.MAX_VALUE);

		await().atMost(Duration.ofSeconds(10)).until(() -> writer.status().spoolSize() == 0);
		submit(2);
		assertEveryAcknowledgedRecordOnceAndNothingElse();
		assertThat(acknowledged).hasSize(6);
	}

	@Test
	void whileNeitherFileCanBeCutBackEverythingIsRefusedUntilTheyCan() throws Exception {
		start();
		submit(3);
		long sizeBefore = Files.size(dir.resolve("campaigns.csv"));
		disk.budget.set(50);
		disk.failingTruncates.set(1_000);
		submit(1);
		disk.budget.set(Long.MAX_VALUE); // room again, but stray bytes are stuck in both
											// files
		submit(10);
		assertThat(refused).isEqualTo(11);
		assertThat(Files.size(dir.resolve("campaigns.csv"))).as("nothing appended after stray bytes")
			.isLessThanOrEqualTo(sizeBefore + 50);

		disk.failingTruncates.set(0);
		// nobody submits: the writer notices by itself that writing works again
		await().atMost(Duration.ofSeconds(10)).until(() -> writer.status().refusingSince() == null);
		assertThat(Files.size(dir.resolve("campaigns.csv"))).as("stray bytes cut off").isEqualTo(sizeBefore);
		submit(2);
		assertEveryAcknowledgedRecordOnceAndNothingElse();
	}

	/**
	 * The spool remembers how long the CSV was when spooling began, so the move later
	 * checks only what was written since for rows already there. Another program's edit
	 * while the CSV is locked must not turn that into 0 (a scan of the whole CSV).
	 */
	@Test
	void aSpoolStartedAfterAnotherProgramsEditRemembersTheCsvsRealLength() throws Exception {
		start();
		submit(2);
		Path csv = dir.resolve("campaigns.csv");
		Files.writeString(csv, "99,pasted without its line break", StandardOpenOption.APPEND);
		csvLocked = true; // and Excel has it open for the next batch
		submit(1);
		assertThat(Files.readAllLines(dir.resolve("state/spool.csv")).get(0))
			.isEqualTo("#spool csv-size=" + Files.size(csv));
	}

	@Test
	void aFirstSpoolAppendThatFailsLeavesNoSpoolAndTheNextOneStartsItProperly() throws Exception {
		start();
		submit(2);
		csvLocked = true; // Excel has it open...
		disk.budget.set(30); // ...and the disk fills while the spool's marker line is
								// written
		submit(1);
		assertThat(refused).isEqualTo(1);
		assertThat(Files.exists(dir.resolve("state/spool.csv"))).isFalse();

		disk.healed();
		submit(4);
		assertThat(writer.status().spoolSize()).isEqualTo(4);
		writer.stop();
		start(); // the spool outlives a restart and reads back whole
		assertThat(writer.status().spoolSize()).isEqualTo(4);
		csvLocked = false;
		await().atMost(Duration.ofSeconds(10)).until(() -> writer.status().spoolSize() == 0);
		assertEveryAcknowledgedRecordOnceAndNothingElse();
		assertThat(acknowledged).hasSize(6);
	}

}
