package dev.campaignpipe.importer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.Database;
import dev.campaignpipe.support.FileLock;
import dev.campaignpipe.support.PresetFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exports while Excel holds the CSV (SPEC §14): records of an export waiting in the spool
 * are found again by a re-import; a restatement is durable and counted at once, waits —
 * behind the records waiting in the spool — through a kill -9 and a restart, and lands
 * once the CSV opens: the same id with the new numbers in the CSV and the database, every
 * other record once.
 */
class RestatementIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DEFAULTS = "{\"campaign_company\":\"Acme Outdoor\",\"ad_format\":\"Image\","
			+ "\"device_type\":\"Mobile\",\"country\":\"USA\",\"audience_segment\":\"Cold Audience\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void aRestatementWaitsWhileTheCsvIsLockedSurvivesAKillAndLandsOnceItOpens() throws Exception {
		// real chattr +i needs root; CI fails rather than skip
		// (FileLock.realLockAvailable)
		Assumptions.assumeTrue(FileLock.realLockAvailable(), "chattr +i needs root");
		Path data = dir.resolve("data");
		Path csv = data.resolve("campaigns.csv");
		Path pending = data.resolve("state/restatements.csv");
		Path original = Files.copy(PresetFiles.of("meta_m1_campaign_daily.csv"), dir.resolve("meta.csv"));
		String row = "active,14,actions:offsite_conversion.fb_pixel_purchase,9120,";
		Path restated = dir.resolve("meta_restated.csv");
		Files.writeString(restated,
				Files.readString(original, StandardCharsets.UTF_8)
					.replace(row, "active,19,actions:offsite_conversion.fb_pixel_purchase,9120,"),
				StandardCharsets.UTF_8);
		Database db = Database.embedded(data);
		long id;
		try (ChildApp app = ChildApp.start(data)) {
			assertThat(importFile(app, original).get("stored").asLong()).isEqualTo(10);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data") == 10);
			id = (long) db
				.query("SELECT campaign_id FROM digital_marketing_ad_performance_data WHERE campaign_name = ? "
						+ "AND date = ?", "Acme Outdoor | Sales | Spring Jackets", java.sql.Date.valueOf("2025-05-05"))
				.get(0)
				.get(0);

			FileLock.lock(csv);
			try {
				JsonNode summary = importFile(app, restated);
				assertThat(summary.get("updated").asLong()).as(summary.toString()).isEqualTo(1);
				assertThat(summary.get("duplicates").asLong()).isEqualTo(9);
				assertThat(pending).as("durable before it is counted").exists();
				assertThat(line(csv, id)).contains(",14,");
				// an export imported while the CSV is locked waits in the spool;
				// importing it again
				// finds its records there: nothing stored twice
				Path tiktok = Files.copy(PresetFiles.of("tiktok_t1_campaign_by_day.csv"), dir.resolve("tiktok.csv"));
				assertThat(importFile(app, tiktok).get("stored").asLong()).isEqualTo(12);
				JsonNode again = importFile(app, tiktok);
				assertThat(again.get("stored").asLong()).as(again.toString()).isZero();
				assertThat(again.get("duplicates").asLong()).isEqualTo(12);
				HttpResponse<String> created = http.send(HttpRequest.newBuilder(app.uri("/api/campaigns"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(AppIntegrationTest.workedExampleJson()))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
				app.kill();
			}
			catch (Throwable ex) {
				FileLock.unlock(csv);
				throw ex;
			}
		}
		try (ChildApp again = ChildApp.start(data)) {
			try {
				Thread.sleep(3000); // the writer tries again every second: still locked
				assertThat(pending).exists();
				assertThat(line(csv, id)).contains(",14,");
			}
			finally {
				FileLock.unlock(csv);
			}
			await("the restatement in the CSV and the database").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(pending).doesNotExist();
				assertThat(db
					.count("SELECT conversions FROM digital_marketing_ad_performance_data WHERE campaign_id = ?", id))
					.isEqualTo(19);
				assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(23);
			});
			assertThat(line(csv, id)).contains(",19,");
			List<String> ids = Files.readAllLines(csv, StandardCharsets.UTF_8)
				.stream()
				.skip(1)
				.map(l -> l.substring(0, l.indexOf(',')))
				.toList();
			assertThat(ids).as("10 Meta, 12 TikTok, 1 from the API").hasSize(23).doesNotHaveDuplicates();
			assertThat(again.log()).contains("restated 1 records");
		}
	}

	private JsonNode importFile(ChildApp app, Path file) throws Exception {
		String body = "{\"path\":" + JSON.writeValueAsString(file.toString()) + ",\"defaults\":" + DEFAULTS + "}";
		HttpResponse<String> started = http.send(HttpRequest.newBuilder(app.uri("/api/imports"))
			.header(HandOverToken.HEADER, app.handOverToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long job = JSON.readTree(started.body()).get("id").asLong();
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			last[0] = JSON.readTree(app.get("/api/imports/" + job));
			return last[0].get("finished").asBoolean();
		});
		assertThat(last[0].get("failure").isNull()).as(last[0].toString()).isTrue();
		return last[0];
	}

	private static String line(Path csv, long id) throws Exception {
		return Files.readAllLines(csv, StandardCharsets.UTF_8)
			.stream()
			.filter(l -> l.startsWith(id + ","))
			.findFirst()
			.orElseThrow();
	}

}
