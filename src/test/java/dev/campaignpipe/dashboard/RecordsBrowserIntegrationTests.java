package dev.campaignpipe.dashboard;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The records explorer in a real browser (SPEC §13): newest first, a column's heading
 * sorts, the form filters, a dashboard link's filters become chips, a row opens its
 * record, and the download link carries the view's filters and order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordsBrowserIntegrationTests extends AppIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ChromeDriver browser;

	private final List<String> companies = List.of("Explorer Alpha & <b>Sons</b>", "Explorer Beta", "Explorer Gamma");

	private long newest;

	@BeforeAll
	void recordsAndABrowser() throws Exception {
		for (int i = 0; i < 9; i++) {
			String body = workedExampleJson().replace("Amazon", companies.get(i % 3).replace("\"", "\\\""))
				.replace("752.33", (100 + i) + ".50")
				.replace("\"Google\"", i % 2 == 0 ? "\"Google\"" : "\"Facebook\"");
			HttpResponse<String> created = postJson("/api/campaigns", body);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			newest = JSON.readTree(created.body()).get("campaign_id").asLong();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/api/records?size=1").body().contains("\"campaign_id\":" + newest + ","));
		browser = Browser.start();
	}

	@AfterAll
	void closeTheBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theNewestComeFirstAndAHeadingSorts() {
		browser.get(uri("/records").toString());
		waitForRows();
		List<WebElement> rows = rows();
		assertThat(rows).isNotEmpty();
		assertThat(rows.get(0).findElement(By.tagName("td")).getText()).isEqualTo(String.valueOf(newest));
		assertThat(browser.findElement(By.id("record-count")).getText()).startsWith("Records 1–");

		Browser.clickToNextPage(browser, By.linkText("Ad spend"));
		waitForRows();
		assertThat(browser.getCurrentUrl()).contains("sort=ad_spend").contains("dir=asc");
		List<Double> spends = rows().stream()
			.map(r -> Double.parseDouble(r.findElements(By.tagName("td")).get(13).getText().replace(",", "")))
			.toList();
		assertThat(spends).isSorted();
		Browser.screenshot(browser, "records-sorted");
	}

	@Test
	void theFormFiltersAndTextIsShownAsText() {
		browser.get(uri("/records").toString());
		waitForRows();
		browser.findElement(By.id("q")).sendKeys("explorer alpha");
		new Select(browser.findElement(By.id("marketing_channel"))).selectByVisibleText("Google");
		Browser.clickToNextPage(browser, By.cssSelector("#record-filters button[type=submit]"));
		waitForRows();

		// empty fields stay out of the URL
		assertThat(browser.getCurrentUrl()).contains("q=explorer+alpha")
			.contains("marketing_channel=Google")
			.doesNotContain("country=");
		List<WebElement> rows = rows();
		assertThat(rows).hasSize(2);
		for (WebElement row : rows) {
			List<WebElement> cells = row.findElements(By.tagName("td"));
			// user text is text: the company's markup is shown, never made bold
			assertThat(cells.get(2).getText()).isEqualTo(companies.get(0));
			assertThat(cells.get(2).findElements(By.tagName("b"))).isEmpty();
			assertThat(cells.get(4).getText()).isEqualTo("Google");
		}
		assertThat(browser.findElement(By.id("record-count")).getText()).isEqualTo("Records 1–2 of 2");
		// one page: nowhere to go
		assertThat(browser.findElement(By.id("prev")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("next")).isDisplayed()).isFalse();
	}

	@Test
	void aDashboardLinksFiltersBecomeChipsAndTheDownloadCarriesThem() {
		String company = URLEncoder.encode("Explorer Beta", StandardCharsets.UTF_8);
		browser.get(uri("/records?campaign_company=" + company + "&marketing_channel=Facebook").toString());
		waitForRows();

		assertThat(browser.findElement(By.id("chips")).getText()).contains("Company: Explorer Beta");
		assertThat(rows()).isNotEmpty()
			.allSatisfy(
					row -> assertThat(row.findElements(By.tagName("td")).get(2).getText()).isEqualTo("Explorer Beta"));
		String download = browser.findElement(By.id("download")).getAttribute("href");
		assertThat(download).contains("/api/records/csv?")
			.contains("campaign_company=Explorer+Beta")
			.contains("marketing_channel=Facebook");

		Browser.clickToNextPage(browser, By.cssSelector("#chips a.chip"));
		waitForRows();
		assertThat(browser.getCurrentUrl()).doesNotContain("campaign_company").contains("marketing_channel=Facebook");
	}

	@Test
	void aRowOpensItsRecord() {
		browser.get(uri("/records").toString());
		waitForRows();
		rows().get(0).findElements(By.tagName("td")).get(3).click();

		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> d.getCurrentUrl().endsWith("/campaigns/" + newest));
		assertThat(browser.findElement(By.id("campaign-id")).getText()).isEqualTo(String.valueOf(newest));
		assertThat(browser.findElement(By.tagName("h1")).getText()).doesNotContain("saved");
	}

	@Test
	void aBadParameterIsSaidOnThePage() {
		browser.get(uri("/records?sort=colour").toString());

		WebElement problem = new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> d.findElement(By.id("record-problem")).isDisplayed() ? d.findElement(By.id("record-problem"))
					: null);
		assertThat(problem.getText()).contains("sort must name a column");
	}

	private List<WebElement> rows() {
		return browser.findElements(By.cssSelector("#record-table tbody tr"));
	}

	private void waitForRows() {
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> !d.findElement(By.id("record-count")).getText().equals("Loading…"));
	}

}
