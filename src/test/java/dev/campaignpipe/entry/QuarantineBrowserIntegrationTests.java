package dev.campaignpipe.entry;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.Browser;
import dev.campaignpipe.support.CsvAssertions;
import dev.campaignpipe.support.LandsOnce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quarantine repaired in a real browser (SPEC §13): lines with a bad date, an unknown
 * channel and a campaign_id seen before are appended to the live CSV, appear with their
 * reasons, are fixed through the entry form (a fix that is still wrong leaves the line
 * open) or dismissed, and each fix lands in the CSV, the database and the Power BI export
 * exactly once; the API answers 409 for a second resolve and 404 for an unknown line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineBrowserIntegrationTests extends AppIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Far beyond the ids the writer gives in tests: hand-written lines cannot meet them.
	 */
	private static final long BAD_DATE_ID = 9_000_000_001L;

	private static final long BAD_CHANNEL_ID = 9_000_000_002L;

	@Autowired
	JdbcTemplate mirror;

	private ChromeDriver browser;

	private long existingId;

	private long badDateLine;

	private long badChannelLine;

	private long duplicateLine;

	@BeforeAll
	void appendBadLinesToTheLiveCsv() throws Exception {
		HttpResponse<String> created = postJson("/api/campaigns", workedExampleJson());
		assertThat(created.statusCode()).isEqualTo(201);
		existingId = JSON.readTree(created.body()).get("campaign_id").asLong();
		Path csv = DATA_DIR.resolve("campaigns.csv");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> CsvAssertions.ids(CsvAssertions.readValidCsv(csv)).contains(existingId));
		String badDate = line(BAD_DATE_ID, "Quarantine Co Date", "Google").replace("2024-03-04", "2024-02-30");
		String badChannel = line(BAD_CHANNEL_ID, "Quarantine Co Channel", "Myspace");
		String again = line(existingId, "Quarantine Co Again", "Google");
		Files.writeString(csv, badDate + badChannel + again, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

		badDateLine = awaitOpenLine("Quarantine Co Date");
		badChannelLine = awaitOpenLine("Quarantine Co Channel");
		duplicateLine = awaitOpenLine("Quarantine Co Again");
		browser = Browser.start();
	}

	@AfterAll
	void closeTheBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	@Order(1)
	void eachLineIsListedWithItsReason() throws Exception {
		assertThat(entry(badDateLine).get("reason").asString()).contains("date");
		assertThat(entry(badChannelLine).get("reason").asString()).contains("marketing_channel").contains("Myspace");
		assertThat(entry(duplicateLine).get("reason").asString())
			.startsWith("campaign_id " + existingId + " appears again");
		JsonNode byReason = JSON.readTree(get("/api/quarantine?reason=APPEARS%20AGAIN").body());
		assertThat(byReason.get("rows")).extracting(row -> row.get("id").asLong()).contains(duplicateLine);
		assertThat(byReason.get("rows")).extracting(row -> row.get("id").asLong())
			.doesNotContain(badDateLine, badChannelLine);

		browser.get(uri("/quarantine").toString());
		WebElement row = browser.findElement(By.id("q-" + badChannelLine));
		assertThat(row.findElement(By.className("reason")).getText()).contains("Myspace");
		assertThat(row.findElement(By.className("status")).getText()).isEqualTo("open");
		Browser.screenshot(browser, "quarantine-list");
	}

	@Test
	@Order(2)
	void aFixedLineBecomesOneRecordInTheCsvTheDatabaseAndTheExport() throws Exception {
		browser.get(uri("/quarantine").toString());
		Browser.clickToNextPage(browser, By.id("fix-" + badDateLine));

		assertThat(next(By.id("fix-reason")).getText()).contains("date");
		assertThat(browser.findElement(By.id("fix-raw")).getText()).contains("2024-02-30");
		assertThat(browser.findElement(By.id("campaign_company")).getAttribute("value"))
			.isEqualTo("Quarantine Co Date");
		assertThat(new Select(browser.findElement(By.id("marketing_channel"))).getFirstSelectedOption().getText())
			.isEqualTo("Google");
		// the date the line had is no date at all: the field says so beside it
		assertThat(browser.findElement(By.id("date-error")).getText()).isNotBlank();
		Browser.screenshot(browser, "quarantine-fix-form");

		setDate("2024-02-28");
		Browser.clickToNextPage(browser, By.id("submit"));

		long id = Long.parseLong(next(By.id("campaign-id")).getText());
		assertThat(browser.findElement(By.tagName("h1")).getText()).endsWith("saved");
		JsonNode resolved = entry(badDateLine);
		assertThat(resolved.get("status").asString()).isEqualTo("resolved");
		assertThat(resolved.get("resolution").asString()).isEqualTo("fixed");
		assertThat(resolved.get("campaign_id").asLong()).isEqualTo(id);
		assertLandsOnce(id, "Quarantine Co Date");

		// a later visit to the record is no "saved" moment
		browser.get(uri("/campaigns/" + id).toString());
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Campaign " + id);
		assertThat(browser.getTitle()).doesNotContain("saved");
	}

	@Test
	@Order(3)
	void aFixThatIsStillWrongShowsTheFieldAndLeavesTheLineOpen() throws Exception {
		browser.get(uri("/quarantine/" + badChannelLine + "/fix").toString());
		assertThat(browser.findElement(By.id("fix-reason")).getText()).contains("Myspace");
		// the channel is not one of ours: the form offers ours; more clicks than
		// impressions
		new Select(browser.findElement(By.id("marketing_channel"))).selectByVisibleText("Facebook");
		WebElement clicks = browser.findElement(By.id("clicks"));
		clicks.clear();
		clicks.sendKeys("999999999");
		Browser.clickToNextPage(browser, By.id("submit"));

		assertThat(next(By.id("clicks-error")).getText()).contains("clicks");
		assertThat(entry(badChannelLine).get("status").asString()).isEqualTo("open");

		clicks = browser.findElement(By.id("clicks"));
		clicks.clear();
		clicks.sendKeys("50");
		Browser.clickToNextPage(browser, By.id("submit"));

		long id = Long.parseLong(next(By.id("campaign-id")).getText());
		assertThat(entry(badChannelLine).get("campaign_id").asLong()).isEqualTo(id);
		assertLandsOnce(id, "Quarantine Co Channel");
	}

	@Test
	@Order(4)
	void aDismissedLineIsResolvedWithoutARecordAndKept() throws Exception {
		// the status's count is set by the sync after its batch commits: wait until it
		// has counted the open lines
		long openBefore = mirror.queryForObject("SELECT COUNT(*) FROM pipeline_quarantine WHERE status = 'open'",
				Long.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> JSON.readTree(get("/api/pipeline/status").body()).at("/sync/quarantine_count").asLong(),
					count -> count == openBefore);
		browser.get(uri("/quarantine").toString());
		browser.findElement(By.id("dismiss-" + duplicateLine)).click();

		assertThat(next(By.id("done")).getText()).contains("dismissed");
		// the status counts open lines, at once (no record needs to arrive first)
		assertThat(JSON.readTree(get("/api/pipeline/status").body()).at("/sync/quarantine_count").asLong())
			.isEqualTo(openBefore - 1);
		JsonNode dismissed = entry(duplicateLine);
		assertThat(dismissed.get("status").asString()).isEqualTo("resolved");
		assertThat(dismissed.get("resolution").asString()).isEqualTo("dismissed");
		assertThat(dismissed.get("campaign_id").isNull()).isTrue();
		assertThat(dismissed.get("raw").asString()).contains("Quarantine Co Again");
		// the record whose id the line repeated is untouched
		assertThat(mirror.queryForObject(
				"SELECT campaign_company FROM digital_marketing_ad_performance_data WHERE campaign_id = ?",
				String.class, existingId))
			.isEqualTo("Amazon");

		browser.get(uri("/quarantine?status=resolved").toString());
		assertThat(browser.findElement(By.id("q-" + duplicateLine)).findElement(By.className("status")).getText())
			.isEqualTo("dismissed");
	}

	@Test
	@Order(5)
	void theApiRefusesASecondResolveAnUnknownLineAndBadInput() throws Exception {
		HttpResponse<String> again = postJson("/api/quarantine/" + badDateLine + "/resolve", "{\"dismiss\": true}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(again.body()).at("/errors/id").asString()).contains("resolved already")
			.contains("fixed as campaign");

		assertThat(postJson("/api/quarantine/987654321/resolve", "{\"dismiss\": true}").statusCode()).isEqualTo(404);
		HttpResponse<String> neither = postJson("/api/quarantine/" + badDateLine + "/resolve", "{\"dismiss\": false}");
		assertThat(neither.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(neither.body()).at("/errors/body").asString()).contains("dismiss");
		HttpResponse<String> status = get("/api/quarantine?status=maybe");
		assertThat(status.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(status.body()).at("/errors/status").asString())
			.isEqualTo("status must be open, resolved or all (got 'maybe')");
		assertThat(get("/quarantine/987654321/fix").statusCode()).isEqualTo(404);
	}

	@Test
	@Order(6)
	void anApiFixIsValidatedThenSavedOnce() throws Exception {
		Path csv = DATA_DIR.resolve("campaigns.csv");
		// an id far above the writer's: it continues above the highest id it finds in the
		// file
		Files.writeString(csv, line(9_100_000_003L, "Quarantine Co Api", "Bebo"), StandardCharsets.UTF_8,
				StandardOpenOption.APPEND);
		long lineId = awaitOpenLine("Quarantine Co Api");
		String record = workedExampleJson().replace("Amazon", "Quarantine Co Api");

		HttpResponse<String> invalid = postJson("/api/quarantine/" + lineId + "/resolve",
				"{\"record\": " + record.replace("\"clicks\":2890", "\"clicks\":-3") + "}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(invalid.body()).at("/errors/clicks").asString()).isNotBlank();
		assertThat(entry(lineId).get("status").asString()).isEqualTo("open");

		HttpResponse<String> saved = postJson("/api/quarantine/" + lineId + "/resolve", "{\"record\": " + record + "}");
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
		long id = JSON.readTree(saved.body()).get("campaign_id").asLong();
		assertThat(entry(lineId).get("campaign_id").asLong()).isEqualTo(id);
		assertLandsOnce(id, "Quarantine Co Api");
		assertThat(postJson("/api/quarantine/" + lineId + "/resolve", "{\"record\": " + record + "}").statusCode())
			.isEqualTo(409);
	}

	@Test
	@Order(7)
	void aFileSavedAnewBringsResolvedLinesBackResolvedNotOpen() throws Exception {
		assertThat(linesWith("Quarantine Co Date")).hasSize(1);
		// as Excel saves: the whole file written anew and moved over the old one
		Path csv = DATA_DIR.resolve("campaigns.csv");
		Path saved = DATA_DIR.resolve("campaigns.csv.saving");
		Files.copy(csv, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		Files.move(saved, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		long fixedAs = entry(badDateLine).get("campaign_id").asLong();

		// the new reading quarantines the same lines again: resolved as they were
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(linesWith("Quarantine Co Date")).hasSize(2)
				.allSatisfy(row -> assertThat(row.get("campaign_id").asLong()).isEqualTo(fixedAs)));
		JsonNode open = JSON.readTree(get("/api/quarantine?status=open&size=500").body()).get("rows");
		open.forEach(row -> assertThat(row.get("raw").asString()).doesNotContain("Quarantine Co"));
		// and the record the fix became is still there once
		assertLandsOnce(fixedAs, "Quarantine Co Date");
	}

	/** Every quarantined line, open or resolved, whose raw text holds {@code marker}. */
	private List<JsonNode> linesWith(String marker) throws Exception {
		List<JsonNode> found = new java.util.ArrayList<>();
		JSON.readTree(get("/api/quarantine?status=all&size=500").body()).get("rows").forEach(row -> {
			if (row.get("raw").asString().contains(marker)) {
				found.add(row);
			}
		});
		return found;
	}

	private void assertLandsOnce(long id, String company) throws Exception {
		LandsOnce.assertLandsOnce(DATA_DIR, mirror, id, company);
	}

	/**
	 * An element of the page a click leads to: the click returns before the browser has
	 * loaded it (one CI run looked for the dismissal notice on the old page).
	 */
	private WebElement next(By locator) {
		return await().atMost(Duration.ofSeconds(15))
			.ignoreExceptions()
			.until(() -> browser.findElement(locator), element -> element != null);
	}

	private long awaitOpenLine(String marker) {
		long[] id = { -1 };
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode rows = JSON.readTree(get("/api/quarantine?status=open&size=500").body()).get("rows");
			JsonNode found = null;
			for (JsonNode row : rows) {
				if (row.get("raw").asString().contains(marker)) {
					found = row;
				}
			}
			assertThat(found).as("an open quarantined line with " + marker).isNotNull();
			id[0] = found.get("id").asLong();
		});
		return id[0];
	}

	private JsonNode entry(long lineId) throws Exception {
		JsonNode rows = JSON.readTree(get("/api/quarantine?status=all&size=500").body()).get("rows");
		for (JsonNode row : rows) {
			if (row.get("id").asLong() == lineId) {
				return row;
			}
		}
		throw new AssertionError("no quarantined line " + lineId);
	}

	/** A CSV line as the writer writes it, dated 2024-03-04. */
	private static String line(long id, String company, String channel) {
		Campaign campaign = new Campaign(company, "Repair drive", "Conversions", channel, "Image",
				LocalDate.of(2024, 3, 4), 1000, 50, 5, new BigDecimal("12.50"), "Mobile", "USA", "New Users", null, "");
		return new String(CsvFormat.lines(List.of(StoredCampaign.of(id, campaign))), StandardCharsets.UTF_8);
	}

	/**
	 * Chromium's date input takes typed digits in the locale's order; the value is set
	 * directly.
	 */
	private void setDate(String iso) {
		((JavascriptExecutor) browser).executeScript("document.getElementById('date').value = arguments[0];", iso);
	}

}
