package dev.campaignpipe.sync;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.importer.HandOverToken;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.Database;
import dev.campaignpipe.support.HostileBytes;
import dev.campaignpipe.support.PipelineChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, property-based against the packaged product: hostile bytes (see
 * {@link HostileBytes}) written into the live campaigns.csv as a careless editor or a
 * crash would leave them, and hostile files handed to the import. The sync never stops on
 * them and every record acknowledged after them reaches the database once; every import
 * either accounts for each row it read (stored, duplicate or rejected) or stops with a
 * message.
 */
class HostileCsvIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String WRITER_LINE = new String(
			CsvFormat.lines(List.of(StoredCampaign.of(900_000_001L, TestCampaigns.workedExample()))),
			StandardCharsets.UTF_8);

	private static final HostileBytes FILES = new HostileBytes(List.of(WRITER_LINE));

	@TempDir
	Path dir;

	private final HttpClient http = HttpClient.newHttpClient();

	private long post(ChildApp app) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.uri("/api/campaigns"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(AppIntegrationTest.workedExampleJson()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body()).get("campaign_id").asLong();
	}

	@Test
	void hostileBytesInTheLiveCsvNeverStopTheSyncAndEveryLaterRecordLandsOnce() throws Exception {
		Path data = Files.createDirectories(dir.resolve("data"));
		try (ChildApp app = ChildApp.start(data)) {
			List<Long> acknowledged = new ArrayList<>();
			acknowledged.add(post(app));
			Path csv = data.resolve("campaigns.csv");
			for (long seed = 1; seed <= 25; seed++) {
				byte[] damage = FILES.file(new Random(seed), 80);
				Files.write(csv, damage, StandardOpenOption.APPEND);
				acknowledged.add(post(app));
			}
			Database db = Database.embedded(data);
			await("every acknowledged record in the database").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.untilAsserted(() -> {
					for (long id : acknowledged) {
						assertThat(db.count(
								"SELECT COUNT(*) FROM digital_marketing_ad_performance_data WHERE campaign_id = ?", id))
							.as("campaign " + id)
							.isEqualTo(1);
					}
				});
			JsonNode status = PipelineChecks.status(app);
			assertThat(status.at("/sync/last_error").isNull()).as(status.toString()).isTrue();
			assertThat(status.at("/sync/records_behind").asLong()).isZero();
			assertThat(status.at("/sync/quarantine_count").asLong()).as("the damage is quarantined, not dropped")
				.isPositive();
			// and the writer still appends whole lines after all of it
			long last = post(app);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> db.count(
						"SELECT COUNT(*) FROM digital_marketing_ad_performance_data WHERE campaign_id = ?", last) == 1);
		}
	}

	@Test
	void everyHostileImportAccountsForEachRowItReadOrStopsWithAMessage() throws Exception {
		Path data = Files.createDirectories(dir.resolve("data"));
		byte[] header = CsvFormat.header();
		try (ChildApp app = ChildApp.start(data)) {
			for (long seed = 1; seed <= 20; seed++) {
				ByteArrayOutputStream file = new ByteArrayOutputStream();
				Random random = new Random(seed);
				if (random.nextInt(4) > 0) {
					file.writeBytes(header);
				}
				file.writeBytes(FILES.file(random, 150));
				Path path = Files.write(dir.resolve("hostile-" + seed + ".csv"), file.toByteArray());
				HttpResponse<String> started = http.send(HttpRequest.newBuilder(app.uri("/api/imports"))
					.header(HandOverToken.HEADER, app.handOverToken())
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON
						.writeValueAsString(java.util.Map.of("path", path.toString(), "preset", "campaigns-csv"))))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(started.statusCode()).as("seed " + seed + ": " + started.body()).isEqualTo(202);
				long job = JSON.readTree(started.body()).get("id").asLong();
				JsonNode done = await("import of seed " + seed).atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> JSON.readTree(app.get("/api/imports/" + job)),
							view -> view.get("finished").asBoolean());
				String failure = done.get("failure").isNull() ? null : done.get("failure").asString();
				if (failure != null) {
					assertThat(failure).as("seed " + seed).isNotBlank().doesNotContain("Exception");
					continue;
				}
				assertThat(
						done.get("stored").asLong() + done.get("duplicates").asLong() + done.get("rejected").asLong())
					.as("seed " + seed + ": every row read is stored, a duplicate or rejected: " + done)
					.isEqualTo(done.get("read").asLong());
			}
			JsonNode status = PipelineChecks.status(app);
			assertThat(status.at("/sync/last_error").isNull()).as(status.toString()).isTrue();
		}
	}

}
