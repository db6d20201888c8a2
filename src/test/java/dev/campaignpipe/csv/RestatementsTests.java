package dev.campaignpipe.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.TestCampaigns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restated records (SPEC §14) written over their lines by the writer: durable first, then
 * in a CSV replaced the way Excel saves it, every other line byte for byte; while the CSV
 * cannot be opened they wait, behind the spool.
 */
class RestatementsTests {

	@TempDir
	Path dir;

	private volatile boolean locked;

	@Test
	void aRestatementReplacesItsLineAndCopiesEveryOtherByteForByte() throws Exception {
		Path csv = dir.resolve("campaigns.csv");
		Path pending = dir.resolve("state/restatements.csv");
		String header = "\uFEFFcampaign_id,campaign_company\r\n";
		byte[] excel = "2,\"Caf\u00e9, \"\"Z\u00fcrich\"\"\r\nline two\"\r\n".getBytes(Charset.forName("windows-1252"));
		List<Byte> bytes = new ArrayList<>();
		for (byte b : (header + "1,Old\r\n").getBytes(StandardCharsets.UTF_8)) {
			bytes.add(b);
		}
		for (byte b : excel) {
			bytes.add(b);
		}
		for (byte b : "3,Kept\n".getBytes(StandardCharsets.UTF_8)) {
			bytes.add(b);
		}
		byte[] original = new byte[bytes.size()];
		for (int i = 0; i < original.length; i++) {
			original[i] = bytes.get(i);
		}
		Files.write(csv, original);
		Restatements restatements = new Restatements(pending, csv);
		assertThat(restatements.waiting()).isFalse();

		restatements.add(Map.of(1L, TestCampaigns.workedExample(), 9L, TestCampaigns.workedExample()));
		assertThat(restatements.waiting()).isTrue();
		Restatements.Applied applied = restatements.apply();

		assertThat(applied.changed()).isEqualTo(1);
		assertThat(applied.missing()).containsExactly(9L);
		assertThat(restatements.waiting()).as("the pending file is gone").isFalse();
		byte[] after = Files.readAllBytes(csv);
		String text = new String(after, StandardCharsets.ISO_8859_1);
		assertThat(text).startsWith(new String((header).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
		assertThat(text).contains("1,Amazon,").doesNotContain("1,Old");
		assertThat(after).as("the Windows-1252 line, quoted line break and all, unchanged").containsSequence(excel);
		assertThat(text).endsWith("3,Kept\r\n");
	}

	@Test
	void aStrayQuoteEndsItsRecordWhereTheSyncEndsItAndTheRecordsAfterItAreRestated() throws Exception {
		Path csv = dir.resolve("campaigns.csv");
		String wide = ",x".repeat(25); // a record of its own: 25 separators
		String stray = "5,\"left open" + wide + "\r\n"; // a quote typed into a cell,
														// never closed
		String after = "6" + wide + "\r\n" + "7" + wide + "\r\n";
		Files.writeString(csv, "\uFEFFcampaign_id,campaign_company\r\n" + stray + after, StandardCharsets.UTF_8);
		Restatements restatements = new Restatements(dir.resolve("state/restatements.csv"), csv);

		restatements.add(Map.of(6L, TestCampaigns.workedExample()));
		Restatements.Applied applied = restatements.apply();

		assertThat(applied.changed()).as("record 6, after the stray quote, is found").isEqualTo(1);
		assertThat(applied.missing()).isEmpty();
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(4);
		assertThat(lines.get(1)).as("the stray line, untouched").isEqualTo(stray.strip());
		assertThat(lines.get(2)).startsWith("6,Amazon,");
		assertThat(lines.get(3)).as("the record after it kept").startsWith("7,x");
	}

	@Test
	void whileTheCsvIsLockedARestatementIsDurableAndWaitsBehindTheSpoolThenLandsOnce() throws Exception {
		CsvFile.Opener opener = path -> {
			if (locked) {
				throw new AccessDeniedException(path.toString(), null, "locked by another process");
			}
			return CsvFile.DEFAULT_OPENER.openForAppend(path);
		};
		CsvWriterService writer = WriterHarness.start(dir, opener);
		Path csv = dir.resolve("campaigns.csv");
		try {
			long first = writer.submit(TestCampaigns.workedExample()).stored().id();
			writer.submit(TestCampaigns.withCompany("Second"));
			locked = true;
			Campaign restated = TestCampaigns.campaign(50_000, 3_000, 2_000, "800.00", null);
			assertThat(writer.restate(Map.of(first, restated)).get()).isEqualTo(1);
			assertThat(dir.resolve("state/restatements.csv")).as("durable before it is confirmed").exists();
			Receipt spooled = writer.submit(TestCampaigns.withCompany("Spooled"));
			assertThat(spooled.location()).isEqualTo(Location.SPOOL);
			assertThat(Files.readString(csv)).contains(first + ",Amazon,").doesNotContain(",50000,");

			locked = false;
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(dir.resolve("state/restatements.csv")).doesNotExist());
			List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
			assertThat(lines).hasSize(4);
			assertThat(lines.get(1)).startsWith(first + ",Amazon,").contains(",50000,3000,2000,800.00,");
			assertThat(lines.get(3)).contains("Spooled");
			// the writer goes on appending to the new file, its end mark moved with it
			writer.submit(TestCampaigns.withCompany("After"));
			assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).hasSize(5)
				.last()
				.satisfies(line -> assertThat(line).contains("After"));
		}
		finally {
			writer.stop();
		}
		CsvWriterService again = WriterHarness.start(dir, opener);
		try {
			assertThat(again.restate(Map.of()).get()).isZero();
			assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).hasSize(5);
		}
		finally {
			again.stop();
		}
		assertThat(again.restate(Map.of(1L, TestCampaigns.workedExample()))).as("a stopped writer takes none")
			.isCompletedExceptionally();
	}

}
