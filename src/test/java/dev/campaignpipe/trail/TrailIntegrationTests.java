package dev.campaignpipe.trail;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.importer.HandOverToken;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.Browser;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.FileLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each record's trail through the real product in its own JVM (SPEC §13): an entry of the
 * form (in Chromium), of the API, an imported file's rows with their lines, and a record
 * that waited in the spool while the CSV was locked (real {@code chattr +i}); every stage
 * in order with its time, and the same trails after a restart.
 */
class TrailIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void trailsOfEveryKindOfEntryAreCompleteInOrderAndSurviveARestart() throws Exception {
		boolean realLock = FileLock.realLockAvailable();
		Path data = dir.resolve("data");
		Map<Long, JsonNode> before = new LinkedHashMap<>();
		long api;
		long form;
		long spooled = -1;
		List<Long> imported;
		try (ChildApp app = ChildApp.start(data)) {
			api = post(app, AppIntegrationTest.workedExampleJson().replace("Amazon", "Trail Api"));
			form = enterInTheBrowser(app);
			imported = importThree(app);
			if (realLock) {
				Path csv = data.resolve("campaigns.csv");
				FileLock.lock(csv);
				try {
					spooled = post(app, AppIntegrationTest.workedExampleJson().replace("Amazon", "Trail Spool"));
					JsonNode waiting = JSON.readTree(app.get("/api/campaigns/" + spooled));
					assertThat(waiting.at("/pipeline/in_spool").asBoolean()).isTrue();
					assertThat(stages(waiting)).containsExactly("accepted", "spooled");
				}
				finally {
					FileLock.unlock(csv);
				}
			}
			List<Long> all = new ArrayList<>(List.of(api, form));
			all.addAll(imported);
			if (spooled > 0) {
				all.add(spooled);
			}
			for (long id : all) {
				List<String> expected = id == spooled ? List.of("accepted", "spooled", "csv", "database", "export")
						: List.of("accepted", "csv", "database", "export");
				await("the whole trail of " + id).atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(stages(trail(app, id))).containsExactlyElementsOf(expected));
				JsonNode trail = trail(app, id).get("trail");
				Instant previous = Instant.EPOCH;
				for (JsonNode step : trail) {
					Instant at = Instant.parse(step.get("at").asString());
					assertThat(at).as("%s of %d", step.get("stage").asString(), id).isAfterOrEqualTo(previous);
					previous = at;
				}
				before.put(id, trail);
			}
			assertThat(before.get(api).get(0).get("source").asString()).isEqualTo("api");
			assertThat(before.get(form).get(0).get("source").asString()).isEqualTo("form");
			for (int i = 0; i < imported.size(); i++) {
				JsonNode accepted = before.get(imported.get(i)).get(0);
				assertThat(accepted.get("source").asString()).isEqualTo("import");
				assertThat(accepted.get("file").asString()).isEqualTo("trail-import.csv");
				// the header is line 1, the rejected row line 3
				assertThat(accepted.get("line").asLong()).isEqualTo(List.of(2L, 4L, 5L).get(i));
			}
			if (spooled > 0) {
				assertThat(before.get(spooled).get(0).get("source").asString()).isEqualTo("api");
			}
		}
		try (ChildApp again = ChildApp.start(data)) {
			for (Map.Entry<Long, JsonNode> trail : before.entrySet()) {
				assertThat(trail(again, trail.getKey()).get("trail")).as("trail of %d after a restart", trail.getKey())
					.isEqualTo(trail.getValue());
			}
		}
	}

	private long enterInTheBrowser(ChildApp app) {
		ChromeDriver driver = Browser.start();
		try {
			driver.get(app.uri("/").toString());
			type(driver, "campaign_company", "Trail Form");
			type(driver, "campaign_name", "Walk");
			new Select(driver.findElement(By.name("campaign_type"))).selectByVisibleText("Leads");
			new Select(driver.findElement(By.name("marketing_channel"))).selectByVisibleText("Google");
			new Select(driver.findElement(By.name("ad_format"))).selectByVisibleText("Text");
			driver.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.name("date")),
					"2024-10-15");
			type(driver, "impressions", "1000");
			type(driver, "clicks", "10");
			type(driver, "conversions", "1");
			type(driver, "ad_spend", "5.00");
			new Select(driver.findElement(By.name("device_type"))).selectByVisibleText("Mobile");
			new Select(driver.findElement(By.name("country"))).selectByVisibleText("Australia");
			new Select(driver.findElement(By.name("audience_segment"))).selectByVisibleText("High Intent");
			Browser.clickToNextPage(driver, By.id("submit"));
			String id = new WebDriverWait(driver, Duration.ofSeconds(20))
				.until(d -> d.findElement(By.id("campaign-id")))
				.getText();
			// the record's page lists its way so far
			assertThat(driver.findElement(By.id("trail-accepted")).getText()).contains("from form");
			return Long.parseLong(id);
		}
		finally {
			driver.quit();
		}
	}

	private static void type(ChromeDriver driver, String field, String value) {
		WebElement input = driver.findElement(By.name(field));
		input.clear();
		input.sendKeys(value);
	}

	private List<Long> importThree(ChildApp app) throws Exception {
		Path file = dir.resolve("trail-import.csv");
		StringBuilder text = new StringBuilder(new String(CsvFormat.header(), StandardCharsets.UTF_8));
		for (String name : List.of("Row one", "Row rejected", "Row three", "Row four")) {
			// the second row has more clicks than impressions: rejected, its line skipped
			Campaign campaign = new Campaign("Trail Import", name, "Conversions", "Google", "Image",
					LocalDate.of(2024, 5, 6), 1000, name.equals("Row rejected") ? 5000 : 50, 5, new BigDecimal("12.50"),
					"Mobile", "USA", "New Users", null, "");
			text.append(new String(CsvFormat.lines(List.of(StoredCampaign.of(0, campaign))), StandardCharsets.UTF_8)
				.replaceFirst("^0,", ","));
		}
		Files.writeString(file, text);
		HttpResponse<String> started = send(app, "/api/imports",
				"{\"path\": " + JSON.writeValueAsString(file.toAbsolutePath().toString()) + "}");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long job = JSON.readTree(started.body()).get("id").asLong();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> JSON.readTree(app.get("/api/imports/" + job)).get("finished").asBoolean());
		assertThat(JSON.readTree(app.get("/api/imports/" + job)).get("stored").asLong()).isEqualTo(3);
		// the three are the newest records, in file order
		long last = JSON.readTree(app.get("/api/pipeline/status")).at("/csv/last_campaign_id").asLong();
		return List.of(last - 2, last - 1, last);
	}

	private long post(ChildApp app, String json) throws Exception {
		HttpResponse<String> created = send(app, "/api/campaigns", json);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("campaign_id").asLong();
	}

	private HttpResponse<String> send(ChildApp app, String path, String json) throws Exception {
		return http.send(HttpRequest.newBuilder(app.uri(path))
			.header(HandOverToken.HEADER, app.handOverToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode trail(ChildApp app, long id) throws Exception {
		return JSON.readTree(app.get("/api/campaigns/" + id));
	}

	private static List<String> stages(JsonNode campaign) {
		List<String> stages = new ArrayList<>();
		campaign.get("trail").forEach(step -> stages.add(step.get("stage").asString()));
		return stages;
	}

}
