package dev.campaignpipe.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.support.CsvAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterServiceTests {

	@TempDir
	Path dir;

	@Test
	void manyThreadsSubmittingAtOnceGetUniqueIdsEachWrittenExactlyOnce() throws Exception {
		CsvWriterService writer = WriterHarness.start(dir);
		int threads = 32;
		int perThread = 150;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<List<Long>>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				List<Long> ids = new ArrayList<>();
				for (int i = 0; i < perThread; i++) {
					ids.add(writer.submit(TestCampaigns.workedExample()).stored().id());
				}
				return ids;
			}));
		}
		List<Long> acknowledged = new ArrayList<>();
		for (Future<List<Long>> future : futures) {
			acknowledged.addAll(future.get());
		}
		pool.shutdown();
		writer.stop();

		assertThat(new HashSet<>(acknowledged)).hasSize(threads * perThread);
		List<Long> inFile = CsvAssertions.ids(CsvAssertions.readValidCsv(dir.resolve("campaigns.csv")));
		assertThat(inFile).hasSize(threads * perThread).doesNotHaveDuplicates();
		assertThat(new HashSet<>(inFile)).isEqualTo(new HashSet<>(acknowledged));
		assertThat(inFile).as("ids increase in file order").isSorted();
		// each thread saw its own ids increase: acknowledgement order follows write order
		for (Future<List<Long>> future : futures) {
			assertThat(future.get()).isSorted();
		}
	}

	@Test
	void idsContinueAfterARestartAndAreNeverReused() throws Exception {
		CsvWriterService first = WriterHarness.start(dir);
		for (int i = 0; i < 5; i++) {
			first.submit(TestCampaigns.workedExample());
		}
		first.stop();
		CsvWriterService second = WriterHarness.start(dir);
		assertThat(second.submit(TestCampaigns.workedExample()).stored().id()).isEqualTo(6);
		second.stop();

		// rows deleted from the CSV by hand: their ids still are not handed out again
		Path csv = dir.resolve("campaigns.csv");
		List<String> lines = Files.readAllLines(csv);
		Files.write(csv, (String.join("\r\n", lines.subList(0, 3)) + "\r\n").getBytes(StandardCharsets.UTF_8));
		CsvWriterService third = WriterHarness.start(dir);
		assertThat(third.submit(TestCampaigns.workedExample()).stored().id()).isEqualTo(7);
		third.stop();
	}

	/** Two records written by a writer that has stopped: the CSV a crash test tears. */
	private Path csvWithTwoRecords() throws Exception {
		CsvWriterService writer = WriterHarness.start(dir);
		writer.submit(TestCampaigns.workedExample());
		writer.submit(TestCampaigns.workedExample());
		writer.stop();
		return dir.resolve("campaigns.csv");
	}

	@Test
	void tornLastLineIsRemovedAtStartUp() throws Exception {
		Path csv = csvWithTwoRecords();
		Files.writeString(csv, "3,Amazon,App Ins", java.nio.file.StandardOpenOption.APPEND);

		CsvWriterService restarted = WriterHarness.start(dir);
		Receipt receipt = restarted.submit(TestCampaigns.workedExample());
		restarted.stop();
		List<CsvRecord> rows = CsvAssertions.readValidCsv(csv);
		assertThat(CsvAssertions.ids(rows)).containsExactly(1L, 2L, receipt.stored().id());
	}

	/**
	 * A crash can cut the writer's append right after a field boundary: a row torn after
	 * {@code month} has exactly the 26 fields of an original-format row. It is the
	 * writer's own unfinished append (it starts where its last durable append ended) and
	 * must go, whatever its field count.
	 */
	@Test
	void aTornRowWithTheFieldCountOfAWholeOneIsRemovedAtStartUp() throws Exception {
		Path csv = csvWithTwoRecords();
		String row = new String(CsvFormat.lines(List.of(StoredCampaign.of(3, TestCampaigns.workedExample()))),
				StandardCharsets.UTF_8);
		String torn = String.join(",", List.of(row.split(",", -1)).subList(0, 26)); // cut
																					// after
																					// the
																					// 26th
																					// field
		assertThat(torn.split(",", -1)).hasSize(26);
		Files.writeString(csv, torn, java.nio.file.StandardOpenOption.APPEND);

		CsvWriterService restarted = WriterHarness.start(dir);
		Receipt receipt = restarted.submit(TestCampaigns.workedExample());
		restarted.stop();
		assertThat(CsvAssertions.ids(CsvAssertions.readValidCsv(csv))).containsExactly(1L, 2L, receipt.stored().id());
	}

	/**
	 * A script that appends a row without its line break while the product runs: our next
	 * row is not glued onto it.
	 */
	@Test
	void aRowAnotherProgramLeftWithoutItsLineBreakGetsOneAndOurNextRowItsOwnLine() throws Exception {
		CsvWriterService writer = WriterHarness.start(dir);
		writer.submit(TestCampaigns.workedExample());
		Path csv = dir.resolve("campaigns.csv");
		String pasted = new String(CsvFormat.lines(List.of(StoredCampaign.of(99, TestCampaigns.workedExample()))),
				StandardCharsets.UTF_8)
			.stripTrailing();
		Files.writeString(csv, pasted, java.nio.file.StandardOpenOption.APPEND);

		Receipt receipt = writer.submit(TestCampaigns.workedExample());
		writer.stop();
		assertThat(receipt.stored().id()).as("ids continue above the pasted row").isEqualTo(100);
		assertThat(CsvAssertions.ids(CsvAssertions.readValidCsv(csv))).containsExactly(1L, 99L, 100L);
	}

	/**
	 * The CSV is created like any program's file in the folder (Excel, a colleague), not
	 * owner-only.
	 */
	@Test
	void theCsvGetsTheFoldersUsualPermissions() throws Exception {
		CsvWriterService writer = WriterHarness.start(dir);
		writer.submit(TestCampaigns.workedExample());
		writer.stop();
		Path probe = Files.createFile(dir.resolve("probe"));
		assertThat(Files.getPosixFilePermissions(dir.resolve("campaigns.csv")))
			.isEqualTo(Files.getPosixFilePermissions(probe));
	}

	@Test
	void lastLineMissingOnlyItsLineBreakIsKept() throws Exception {
		CsvWriterService writer = WriterHarness.start(dir);
		writer.submit(TestCampaigns.workedExample());
		writer.stop();
		Path csv = dir.resolve("campaigns.csv");
		String text = Files.readString(csv);
		Files.writeString(csv, text.substring(0, text.length() - 2)); // as saved by a
																		// tool that drops
																		// the final CRLF

		CsvWriterService restarted = WriterHarness.start(dir);
		restarted.submit(TestCampaigns.workedExample());
		restarted.stop();
		assertThat(CsvAssertions.ids(CsvAssertions.readValidCsv(csv))).containsExactly(1L, 2L);
	}

	@Test
	void nonAsciiCompanyRoundTripsAndFormulaIsNeutralizedInTheFile() throws Exception {
		CsvWriterService writer = WriterHarness.start(dir);
		writer.submit(TestCampaigns.withCompany("Müller & Søn Café 東京"));
		writer.submit(TestCampaigns.withCompany("=cmd|' /C calc'!A0"));
		writer.stop();
		List<CsvRecord> rows = CsvAssertions.readValidCsv(dir.resolve("campaigns.csv"));
		assertThat(rows.get(0).getField(1)).isEqualTo("Müller & Søn Café 東京");
		assertThat(rows.get(1).getField(1)).isEqualTo("'=cmd|' /C calc'!A0");
	}

	@Test
	void shutdownWritesEverythingAlreadyQueued() throws Exception {
		CsvWriterService writer = WriterHarness.start(dir);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<StoredCampaign>> futures = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			futures.add(pool.submit(() -> writer.submit(TestCampaigns.workedExample()).stored()));
		}
		Set<Long> acknowledged = Collections.synchronizedSet(new HashSet<>());
		await().until(() -> writer.lastId() > 0); // stop mid-stream: some written, the
													// rest queued or in flight
		writer.stop();
		for (Future<StoredCampaign> f : futures) {
			try {
				acknowledged.add(f.get().id());
			}
			catch (java.util.concurrent.ExecutionException ex) {
				assertThat(ex.getCause()).isInstanceOf(PipelineUnavailableException.class); // arrived
																							// after
																							// shutdown
																							// began
			}
		}
		pool.shutdown();
		assertThat(acknowledged).isNotEmpty();
		assertThat(CsvAssertions.ids(CsvAssertions.readValidCsv(dir.resolve("campaigns.csv"))))
			.containsAll(acknowledged);
	}

}
