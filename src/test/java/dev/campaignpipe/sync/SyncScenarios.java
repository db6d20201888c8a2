package dev.campaignpipe.sync;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.csvfile.FileFingerprint;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database mirror's guarantees, run against each backend (H2 and a real MariaDB) with
 * the product in its own JVM, exactly as a user runs it.
 */
abstract class SyncScenarios {

	static final Path SAMPLE = dev.campaignpipe.support.Seed.sample();

	static final Pattern ID = Pattern.compile("\"campaign_id\":(\\d+)");

	@TempDir
	Path dir;

	final HttpClient http = HttpClient.newHttpClient();

	/** Command-line settings that point the product at this backend's database. */
	abstract List<String> databaseArgs(Path dataDir);

	/** How the test reaches the same database. */
	abstract Database database(Path dataDir);

	ChildApp start() throws Exception {
		return ChildApp.start(dir, databaseArgs(dir).toArray(String[]::new));
	}

	long submit(ChildApp app, String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.uri("/api/campaigns"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		Matcher m = ID.matcher(response.body());
		assertThat(m.find()).isTrue();
		return Long.parseLong(m.group(1));
	}

	String status(ChildApp app) throws Exception {
		return http
			.send(HttpRequest.newBuilder(app.uri("/api/pipeline/status")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** Waits until the mirror has read everything in the CSV. */
	void awaitSynced(ChildApp app, Duration timeout) {
		await("the mirror has read everything in the CSV").atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(status(app)).contains("\"bytes_behind\":0,")
				.contains("\"last_error\":null}")
				.doesNotContain("\"last_sync\":null"));
	}

	Path csv() {
		return dir.resolve("campaigns.csv");
	}

	/**
	 * The sample's data lines, exactly as the original tool wrote them (26 columns,
	 * dd-MM-yyyy, stray spaces).
	 */
	static List<String> sampleRows() throws IOException {
		List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
		return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
	}

	/** Replaces the CSV the way Excel saves: a new file renamed over the old one. */
	void saveLikeExcel(String content) throws IOException {
		Path tmp = dir.resolve("~campaigns.tmp");
		Files.writeString(tmp, content, StandardCharsets.UTF_8);
		Files.move(tmp, csv(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@Test
	void sampleRowsPastedIntoTheLiveCsvEndInTheTableOrInQuarantineAndCountsAddUp() throws Exception {
		try (ChildApp app = start()) {
			List<String> rows = sampleRows();
			Files.write(csv(), CsvFormat.header());
			// pasted in three goes, as an analyst would
			int third = rows.size() / 3;
			for (List<String> part : List.of(rows.subList(0, third), rows.subList(third, 2 * third),
					rows.subList(2 * third, rows.size()))) {
				Files.writeString(csv(), String.join("\r\n", part) + "\r\n", StandardOpenOption.APPEND);
				awaitSynced(app, Duration.ofSeconds(30)); // each go read on its own
			}
			awaitSynced(app, Duration.ofSeconds(30));
			Database db = database(dir);
			long loaded = db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data");
			long quarantined = db.count("SELECT COUNT(*) FROM pipeline_quarantine");
			assertThat(loaded + quarantined).isEqualTo(rows.size());
			assertThat(loaded).isGreaterThan(rows.size() / 2);
			assertThat(status(app)).contains("\"quarantine_count\":" + quarantined);

			// normalized: no stray spaces or odd casing left in any category
			// (compared in Java: MySQL collations ignore trailing spaces and case)
			assertThat(distinct(db, "marketing_channel")).containsExactlyInAnyOrder("Facebook", "Google", "Instagram",
					"LinkedIn", "Pinterest", "YouTube");
			assertThat(distinct(db, "country")).containsExactlyInAnyOrder("Australia", "Canada", "Germany", "India",
					"UK", "USA");
			assertThat(distinct(db, "ad_format")).containsExactlyInAnyOrder("Carousel", "Image", "Story", "Text",
					"Video");
			assertThat(distinct(db, "campaign_type")).doesNotHaveDuplicates()
				.allSatisfy(t -> assertThat(t).isEqualTo(t.strip()));
			// metrics recomputed, not copied: row 1 carried cost_per_click 0.26 and a
			// dd-MM-yyyy date
			List<Object> first = db
				.query("SELECT date, cost_per_click, ctr, cpc_effectiveness_score, week_number FROM "
						+ "digital_marketing_ad_performance_data WHERE campaign_id = 1")
				.get(0);
			assertThat(first.get(0).toString()).isEqualTo("2024-10-15");
			assertThat((BigDecimal) first.get(1)).isEqualByComparingTo("0.2603");
			assertThat((BigDecimal) first.get(2)).isEqualByComparingTo("0.066541");
			assertThat((BigDecimal) first.get(3)).isEqualByComparingTo("0.255610");
			assertThat(((Number) first.get(4)).intValue()).isEqualTo(42);
			// every quarantined line says why, with its line number and raw text
			for (List<Object> q : db.query("SELECT line_number, raw_line, reason FROM pipeline_quarantine")) {
				assertThat(((Number) q.get(0)).longValue()).isGreaterThan(1);
				assertThat((String) q.get(1)).isNotBlank();
				assertThat((String) q.get(2)).isNotBlank();
			}
			assertThat(db.count(
					"SELECT COUNT(*) FROM pipeline_quarantine WHERE reason LIKE 'clicks must not exceed impressions%'"))
				.isPositive();

			// the writer continues after the pasted ids, and its records reach the table
			// too
			long next = submit(app, AppIntegrationTest.workedExampleJson());
			assertThat(next).isGreaterThan(247);
			awaitSynced(app, Duration.ofSeconds(10));
			assertThat(
					db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data WHERE campaign_id = ?", next))
				.isEqualTo(1);
		}
	}

	@Test
	void correctedRowIsUpdatedAndReplacedOrTruncatedFilesAreReadAgainWithoutDuplicates() throws Exception {
		try (ChildApp app = start()) {
			for (int i = 0; i < 5; i++) {
				submit(app, AppIntegrationTest.workedExampleJson());
			}
			awaitSynced(app, Duration.ofSeconds(10));
			Database db = database(dir);
			String original = Files.readString(csv(), StandardCharsets.UTF_8);

			// the analyst corrects row 3 in Excel and saves
			saveLikeExcel(original.replace("\r\n3,Amazon,", "\r\n3,Amazon Corrected,"));
			awaitSynced(app, Duration.ofSeconds(10));
			assertThat(
					db.query("SELECT campaign_company FROM digital_marketing_ad_performance_data WHERE campaign_id = 3")
						.get(0)
						.get(0))
				.isEqualTo("Amazon Corrected");
			assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(5);

			// the file is cut back (restored from an older backup), in place
			String[] lines = Files.readString(csv(), StandardCharsets.UTF_8).split("\r\n");
			Files.writeString(csv(), String.join("\r\n", List.of(lines).subList(0, 3)) + "\r\n", StandardCharsets.UTF_8,
					StandardOpenOption.TRUNCATE_EXISTING);
			awaitSynced(app, Duration.ofSeconds(10));
			assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(5);

			// replaced by a file in which id 2 appears twice with different content: the
			// first wins
			String duplicated = original + original.split("\r\n")[2].replace(",Amazon,", ",Other Co,") + "\r\n";
			saveLikeExcel(duplicated);
			awaitSynced(app, Duration.ofSeconds(10));
			assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(5);
			assertThat(
					db.query("SELECT campaign_company FROM digital_marketing_ad_performance_data WHERE campaign_id = 2")
						.get(0)
						.get(0))
				.isEqualTo("Amazon");
			assertThat(db.query("SELECT campaign_id, reason FROM pipeline_quarantine")).singleElement()
				.satisfies(q -> assertThat((String) q.get(1)).startsWith("campaign_id 2 appears again"));

			long next = submit(app, AppIntegrationTest.workedExampleJson());
			assertThat(next).isEqualTo(6);
			awaitSynced(app, Duration.ofSeconds(10));
			assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(6);
		}
	}

	/**
	 * An embedded database reopened after a failed write comes back without its last
	 * commits — rows and checkpoint alike — and the sync sees no error. Continuing from
	 * its own idea of the offset would skip those rows for good; the checkpoint is
	 * compared in every commit instead.
	 */
	@Test
	void aDatabaseThatWentBackInTimeBehindTheSyncsBackIsLoadedAgainFromItsOwnCheckpoint() throws Exception {
		try (ChildApp app = start()) {
			for (int i = 0; i < 30; i++) {
				submit(app, AppIntegrationTest.workedExampleJson());
			}
			awaitSynced(app, Duration.ofSeconds(30));
			Database db = database(dir);
			byte[] bytes = Files.readAllBytes(csv());
			long afterTen = offsetAfterLine(bytes, 11); // header + ids 1..10
			db.update("DELETE FROM digital_marketing_ad_performance_data WHERE campaign_id > 10");
			assertThat(db.update(
					"UPDATE pipeline_sync_checkpoint SET head_hash = ?, tail_hash = ?, byte_offset = ?, "
							+ "line_number = 11 WHERE id = 1",
					FileFingerprint.head(csv(), afterTen), FileFingerprint.tail(csv(), afterTen), afterTen))
				.isEqualTo(1);

			for (int i = 0; i < 5; i++) {
				submit(app, AppIntegrationTest.workedExampleJson());
			}
			awaitSynced(app, Duration.ofSeconds(30));
			List<Long> ids = db
				.query("SELECT campaign_id FROM digital_marketing_ad_performance_data ORDER BY campaign_id")
				.stream()
				.map(row -> ((Number) row.get(0)).longValue())
				.toList();
			assertThat(ids).hasSize(35).startsWith(1L).endsWith(35L).doesNotHaveDuplicates();
			assertThat(app.log()).contains("reading the checkpoint again");
		}
	}

	private static long offsetAfterLine(byte[] bytes, int lines) {
		int seen = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n' && ++seen == lines) {
				return i + 1;
			}
		}
		throw new AssertionError("the CSV has fewer than " + lines + " lines");
	}

	@Test
	void killedDuringTheSyncThenRestartedLoadsEveryRowOnce() throws Exception {
		int total = 30_000;
		Files.write(csv(), CsvFormat.header());
		StringBuilder rows = new StringBuilder();
		for (int id = 1; id <= total; id++) {
			rows.append(id)
				.append(",Brand ")
				.append(id % 97)
				.append(",Winter Deals,Sales,Google,Video,")
				.append(LocalDate.of(2024, 1, 1).plusDays(id % 366))
				.append(",1000,")
				.append(id % 1000)
				.append(",7,")
				.append(id % 500)
				.append(".25,Mobile,India,New Users\r\n");
		}
		Files.writeString(csv(), rows, StandardOpenOption.APPEND);
		Database db = database(dir);

		ChildApp app = start();
		long loaded = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> countOrZero(db), n -> n > 0);
		app.kill(); // mid-catch-up
		assertThat(loaded).as("killed while loading").isBetween(1L, (long) total - 1);

		try (ChildApp restarted = start()) {
			awaitSynced(restarted, Duration.ofSeconds(120));
		}
		assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(total);
		assertThat(db.count("SELECT COUNT(DISTINCT campaign_id) FROM digital_marketing_ad_performance_data"))
			.isEqualTo(total);
		assertThat(db.count("SELECT MIN(campaign_id) FROM digital_marketing_ad_performance_data")).isEqualTo(1);
		assertThat(db.count("SELECT MAX(campaign_id) FROM digital_marketing_ad_performance_data")).isEqualTo(total);
		assertThat(db.count("SELECT COUNT(*) FROM pipeline_quarantine")).isZero();
	}

	private static List<String> distinct(Database db, String column) throws java.sql.SQLException {
		return db.query("SELECT DISTINCT " + column + " FROM digital_marketing_ad_performance_data")
			.stream()
			.map(row -> (String) row.get(0))
			.toList();
	}

	private static long countOrZero(Database db) {
		try {
			return db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data");
		}
		catch (Exception ex) {
			return 0; // schema not created yet
		}
	}

	@Test
	void sqlWrittenForTheOriginalTableRunsUnchanged() throws Exception {
		try (ChildApp app = start()) {
			submit(app, AppIntegrationTest.workedExampleJson());
			submit(app, AppIntegrationTest.workedExampleJson().replace("\"Google\"", "\"Instagram\""));
			awaitSynced(app, Duration.ofSeconds(10));
		}
		Database db = database(dir);
		List<List<Object>> byChannel = db
			.query("SELECT marketing_channel, SUM(impressions), SUM(clicks), SUM(ad_spend), "
					+ "ROUND(AVG(ctr), 4) FROM digital_marketing_ad_performance_data GROUP BY marketing_channel ORDER BY marketing_channel");
		assertThat(byChannel).hasSize(2);
		assertThat(byChannel.get(0).get(0)).isEqualTo("Google");
		assertThat((BigDecimal) byChannel.get(0).get(3)).isEqualByComparingTo("752.33");
		assertThat(db
			.query("SELECT campaign_id, campaign_company, campaign_name, campaign_type, marketing_channel, ad_format, "
					+ "date, impressions, clicks, conversions, ad_spend, device_type, country, audience_segment, cost_per_click, "
					+ "cost_per_mille, ctr, conversion_rate, cpc_effectiveness_score, roi_score, click_to_conversion_ratio, "
					+ "quality_score, engagement_to_spend_ratio, cost_efficiency_index, week_number, month "
					+ "FROM digital_marketing_ad_performance_data WHERE month = 10 AND week_number = 42 ORDER BY campaign_id"))
			.hasSize(2);
		assertThat(db.count(
				"SELECT COUNT(*) FROM digital_marketing_ad_performance_data WHERE date BETWEEN '2024-10-01' AND '2024-10-31'"))
			.isEqualTo(2);
		// the original tool's own insert: 26 columns, values as it computed them
		db.update("INSERT INTO digital_marketing_ad_performance_data (campaign_id, campaign_company, campaign_name, "
				+ "campaign_type, marketing_channel, ad_format, date, impressions, clicks, conversions, ad_spend, device_type, "
				+ "country, audience_segment, cost_per_click, cost_per_mille, ctr, conversion_rate, cpc_effectiveness_score, "
				+ "roi_score, click_to_conversion_ratio, quality_score, engagement_to_spend_ratio, cost_efficiency_index, "
				+ "week_number, month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				9999, "Walmart", "End of Season Sale", "Engagement", "Google", "Video", Date.valueOf("2024-10-30"),
				61577, 1271, 1932, new BigDecimal("14.74"), "Mobile", "Germany", "High Intent", new BigDecimal("0.01"),
				new BigDecimal("0.24"), new BigDecimal("0.020641"), new BigDecimal("1.520063"),
				new BigDecimal("46.302368"), new BigDecimal("152.006294"), new BigDecimal("0.657527"),
				new BigDecimal("3.33"), new BigDecimal("86.227951"), new BigDecimal("0.007625"), 44, 10);
		assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(3);
	}

}
