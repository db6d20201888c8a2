package dev.campaignpipe.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.LongStream;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.support.CsvAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash in the middle of moving the spool into the CSV: the next start finishes the
 * move exactly once.
 */
class SpoolRecoveryTests {

	@TempDir
	Path dir;

	private static byte[] rows(long from, long to) {
		return CsvFormat.lines(LongStream.rangeClosed(from, to)
			.mapToObj(id -> StoredCampaign.of(id, TestCampaigns.workedExample()))
			.toList());
	}

	/** A CSV holding ids 1..count, written by a real writer that then stopped. */
	private Path csvWithRecords(int count) {
		CsvWriterService writer = WriterHarness.start(dir);
		for (int i = 0; i < count; i++) {
			writer.submit(TestCampaigns.workedExample());
		}
		writer.stop();
		return dir.resolve("campaigns.csv");
	}

	/**
	 * A spool as the writer starts one when the CSV is locked: its marker line, then
	 * rows.
	 */
	private Path spoolAfter(Path csv, byte[] rows) throws Exception {
		Path spool = dir.resolve("state/spool.csv");
		Files.write(spool, ("#spool csv-size=" + Files.size(csv) + "\n").getBytes(StandardCharsets.US_ASCII));
		Files.write(spool, rows, StandardOpenOption.APPEND);
		return spool;
	}

	@Test
	void interruptedMoveIsCompletedWithoutDuplicatesOrATornLine() throws Exception {
		Path csv = csvWithRecords(5);
		// ids 6..10 were acknowledged from the spool while the CSV was locked ...
		Path spool = spoolAfter(csv, rows(6, 10));
		// ... and the process died moving them: 6 and 7 made it, 8 is torn
		byte[] moved = rows(6, 8);
		Files.write(csv, java.util.Arrays.copyOf(moved, moved.length - 40), StandardOpenOption.APPEND);

		CsvWriterService restarted = WriterHarness.start(dir);
		CsvLockTests.waitUntil(() -> restarted.status().spoolSize() == 0, java.time.Duration.ofSeconds(10));
		Receipt next = restarted.submit(TestCampaigns.workedExample());
		restarted.stop();

		assertThat(next.stored().id()).isEqualTo(11);
		List<Long> ids = CsvAssertions.ids(CsvAssertions.readValidCsv(csv));
		assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
		assertThat(spool).doesNotExist();
	}

	@Test
	void crashAfterTheMoveButBeforeTheSpoolWasDeletedMovesNothingTwice() throws Exception {
		Path csv = csvWithRecords(1);
		Path spool = spoolAfter(csv, rows(2, 4));
		Files.write(csv, rows(2, 4), StandardOpenOption.APPEND); // fully moved, spool not
																	// yet deleted

		CsvWriterService restarted = WriterHarness.start(dir);
		CsvLockTests.waitUntil(() -> restarted.status().spoolSize() == 0, java.time.Duration.ofSeconds(10));
		restarted.stop();
		assertThat(CsvAssertions.ids(CsvAssertions.readValidCsv(csv))).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void tornLastLineOfTheSpoolWasNeverAcknowledgedAndIsDropped() throws Exception {
		Path csv = csvWithRecords(1);
		byte[] spooled = rows(2, 3);
		spoolAfter(csv, java.util.Arrays.copyOf(spooled, spooled.length - 10));

		CsvWriterService restarted = WriterHarness.start(dir);
		CsvLockTests.waitUntil(() -> restarted.status().spoolSize() == 0, java.time.Duration.ofSeconds(10));
		restarted.stop();
		assertThat(CsvAssertions.ids(CsvAssertions.readValidCsv(csv))).containsExactly(1L, 2L);
	}

}
