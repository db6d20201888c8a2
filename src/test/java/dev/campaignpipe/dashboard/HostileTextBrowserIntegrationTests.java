package dev.campaignpipe.dashboard;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.Browser;
import dev.campaignpipe.support.CsvAssertions;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16 / SPEC §11: text users typed — markup and spreadsheet formulas — is shown as
 * typed on every page and in the chart tooltips, never interpreted. The page's
 * Content-Security-Policy would stop an injected script on its own, so this test switches
 * it off in the browser ({@code Page.setBypassCSP}): what it checks is the escaping
 * itself. An element made from user text, or a script that ran, fails it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTextBrowserIntegrationTests extends AppIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Each sets window.__xss if it ever runs as markup. */
	static final String IMG = "<img src=x onerror=\"window.__xss='img'\">Hostile Co";

	static final String SCRIPT = "<script>window.__xss='script'</script>Hostile Launch";

	/**
	 * Without quotes, so the quarantined line's raw text (CSV-quoted) holds it as it is.
	 */
	static final String QUARANTINED = "<img src=x onerror=window.__xss=2>Quarantined";

	static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"open\")";

	static final String FORMULA_NAME = "@SUM(1+1)*cmd|' /C calc'!A0";

	/** What the page must not contain: elements built from the text above. */
	private static final String INJECTED = "return document.querySelectorAll('img[src=\"x\"], img[onerror], "
			+ "script:not([src])').length + (window.__xss === undefined ? 0 : 1000)";

	private ChromeDriver driver;

	private long hostileId;

	private long formulaId;

	@BeforeAll
	void postHostileRecordsAndStartTheBrowser() throws Exception {
		hostileId = post(IMG, SCRIPT, "1000000.00");
		formulaId = post(FORMULA, FORMULA_NAME, "12.00");
		driver = Browser.start();
		driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	private long post(String company, String name, String spend) throws Exception {
		String body = JSON
			.writeValueAsString(Map.ofEntries(Map.entry("campaign_company", company), Map.entry("campaign_name", name),
					Map.entry("campaign_type", "Leads"), Map.entry("marketing_channel", "Google"),
					Map.entry("ad_format", "Text"), Map.entry("date", "2024-10-15"),
					Map.entry("impressions", 9_000_000), Map.entry("clicks", 2890), Map.entry("conversions", 1794),
					Map.entry("ad_spend", new BigDecimal(spend)), Map.entry("device_type", "Mobile"),
					Map.entry("country", "Australia"), Map.entry("audience_segment", "High Intent")));
		var response = postJson("/api/campaigns", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body()).get("campaign_id").asLong();
	}

	private static ConditionFactory within(Duration timeout) {
		return await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
	}

	private String pageText() {
		return (String) driver.executeScript("return document.body.textContent");
	}

	/** The page shows each text as typed and holds nothing made from it. */
	private void assertShownAsTyped(String page, String... texts) {
		for (String text : texts) {
			within(Duration.ofSeconds(20)).alias(page + " shows " + text).until(() -> pageText().contains(text));
		}
		assertThat(((Number) driver.executeScript(INJECTED)).intValue())
			.as(page + ": elements or scripts from user text")
			.isZero();
		Browser.screenshot(driver, "hostile-" + page.replaceAll("[^a-z]+", "-"));
	}

	@Test
	void theRecordPagesShowMarkupAndFormulasAsTyped() {
		driver.get(uri("/campaigns/" + hostileId).toString());
		assertThat(driver.findElement(By.id("v-campaign_company")).getText()).isEqualTo(IMG);
		assertThat(driver.findElement(By.id("v-campaign_name")).getText()).isEqualTo(SCRIPT);
		assertShownAsTyped("record page", IMG, SCRIPT);

		driver.get(uri("/campaigns/" + formulaId).toString());
		assertThat(driver.findElement(By.id("v-campaign_company")).getText()).isEqualTo(FORMULA);
		assertShownAsTyped("formula record page", FORMULA, FORMULA_NAME);

		driver.get(uri("/records?marketing_channel=Google").toString());
		assertShownAsTyped("records", IMG, SCRIPT, FORMULA, FORMULA_NAME);
	}

	@Test
	void theEntryFormGivesTheTextBackAsTypedWithItsErrors() {
		driver.get(uri("/").toString());
		driver.findElement(By.id("campaign_company")).sendKeys(IMG);
		driver.findElement(By.id("campaign_name")).sendKeys(SCRIPT);
		Browser.clickToNextPage(driver, By.id("submit"));
		within(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.cssSelector(".error")).isEmpty());
		assertThat(driver.findElement(By.id("campaign_company")).getDomProperty("value")).isEqualTo(IMG);
		assertThat(driver.findElement(By.id("campaign_name")).getDomProperty("value")).isEqualTo(SCRIPT);
		assertThat(((Number) driver.executeScript(INJECTED)).intValue()).isZero();
	}

	@Test
	void theDashboardTablesFiltersAndChartTooltipsShowTheTextAsTyped() throws Exception {
		within(Duration.ofSeconds(30)).alias("the replica holds the hostile record")
			.until(() -> JSON.readTree(get("/api/analytics/summary?marketing_channel=Google").body())
				.at("/current/records")
				.asLong() >= 2);
		driver.get(uri("/dashboard?marketing_channel=Google").toString());
		within(Duration.ofSeconds(30)).until(() -> driver.executeScript("return typeof echarts").equals("object"));
		// the company table and the company filter's choices
		driver.executeScript("document.querySelector(\"[data-panel='companies']\").scrollIntoView()");
		assertShownAsTyped("dashboard", IMG, FORMULA);

		// the scatter plot's tooltip for the hostile campaign (it spends the most)
		driver.executeScript("document.querySelector(\"[data-panel='scatter']\").scrollIntoView()");
		Object shown = within(Duration.ofSeconds(30)).alias("the scatter plot draws the hostile campaign")
			.until(() -> driver.executeScript("""
					const dom = document.querySelector("[data-panel='scatter'] [_echarts_instance_]");
					const chart = echarts.getInstanceByDom(dom);
					const data = chart.getOption().series[0].data;
					const i = data.findIndex(d => d.title === arguments[0]);
					if (i < 0) return null;
					chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
					const tip = [...document.querySelectorAll('.dash-tooltip')]
					  .find(t => t.textContent.includes(arguments[0]));
					return tip ? tip.textContent : null;
					""", SCRIPT), text -> text != null);
		assertThat((String) shown).contains(SCRIPT);
		assertThat(((Number) driver.executeScript(INJECTED)).intValue()).as("tooltip").isZero();
		Browser.screenshot(driver, "hostile-tooltip");
	}

	@Test
	void quarantinedLinesAndTheirRepairFormShowTheTextAsTyped() throws Exception {
		Path csv = DATA_DIR.resolve("campaigns.csv");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> CsvAssertions.ids(CsvAssertions.readValidCsv(csv)).contains(formulaId));
		// a line someone typed into the CSV with markup as its channel: quarantined, its
		// reason quotes the channel
		Campaign campaign = new Campaign(QUARANTINED, SCRIPT, "Conversions", "<b onmouseover=x>Myspace</b>", "Image",
				LocalDate.of(2024, 3, 4), 1000, 50, 5, new BigDecimal("12.50"), "Mobile", "USA", "New Users", null, "");
		Files.writeString(csv,
				new String(CsvFormat.lines(List.of(StoredCampaign.of(987_654_001L, campaign))), StandardCharsets.UTF_8),
				StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		long[] line = { -1 };
		within(Duration.ofSeconds(30)).alias("the hostile line is quarantined").until(() -> {
			for (JsonNode row : JSON.readTree(get("/api/quarantine?status=open&size=500").body()).get("rows")) {
				if (row.get("raw").asString().contains("Quarantined")) {
					line[0] = row.get("id").asLong();
				}
			}
			return line[0] > 0;
		});
		driver.get(uri("/quarantine").toString());
		assertShownAsTyped("quarantine", QUARANTINED, "<b onmouseover=x>Myspace</b>");
		assertThat(driver.findElements(By.cssSelector("b[onmouseover]"))).isEmpty();

		driver.get(uri("/quarantine/" + line[0] + "/fix").toString());
		assertThat(driver.findElement(By.id("campaign_company")).getDomProperty("value")).isEqualTo(QUARANTINED);
		assertShownAsTyped("quarantine fix", "<b onmouseover=x>Myspace</b>");
	}

	@Test
	void anImportsRejectedRowsShowTheTextAsTyped() throws Exception {
		Path file = Files.createTempFile("hostile-import", ".csv");
		List<String> lines = new ArrayList<>();
		lines.add("campaign_company,campaign_name,campaign_type,marketing_channel,ad_format,date,impressions,clicks,"
				+ "conversions,ad_spend,device_type,country,audience_segment");
		lines.add("\"" + IMG.replace("\"", "\"\"") + " Imported\",\"" + SCRIPT
				+ "\",Leads,Google,Text,2024-02-30,100,10,1,5.00,Mobile,USA,New Users");
		Files.write(file, lines, StandardCharsets.UTF_8);
		driver.get(uri("/import").toString());
		driver.findElement(By.id("file")).sendKeys(file.toString());
		driver.findElement(By.id("start-import")).click();
		within(Duration.ofSeconds(60))
			.until(() -> driver.findElement(By.id("import-title")).getText().equals("Import finished"));
		assertThat(driver.findElement(By.id("s-rejected")).getText()).isEqualTo("1");
		Browser.clickToNextPage(driver, By.id("fix-rejected-link"));
		within(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.id("rejected-table")).isEmpty());
		assertShownAsTyped("rejected rows", IMG + " Imported", SCRIPT);

		Browser.clickToNextPage(driver, By.cssSelector("#rejected-table a.button"));
		within(Duration.ofSeconds(10)).until(() -> IMG.concat(" Imported")
			.equals(driver.findElement(By.id("campaign_company")).getDomProperty("value")));
		assertThat(((Number) driver.executeScript(INJECTED)).intValue()).as("rejected row fix form").isZero();
	}

	@Test
	void theStatusPageIsClean() {
		driver.get(uri("/status").toString());
		assertThat(((Number) driver.executeScript(INJECTED)).intValue()).isZero();
	}

}
