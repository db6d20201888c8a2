package dev.campaignpipe.entry;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.Browser;
import dev.campaignpipe.support.LandsOnce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An import's rejected rows fixed from its summary page in a real browser (SPEC §13): the
 * file is uploaded, two of its rows are rejected, each is fixed through the entry form (a
 * fix that is still wrong says why and saves nothing), lands in the CSV, the database and
 * the export once, and cannot be fixed twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectedRowsBrowserIntegrationTests extends AppIntegrationTest {

	@TempDir
	Path dir;

	@Autowired
	JdbcTemplate mirror;

	private ChromeDriver browser;

	@BeforeAll
	void aBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	void closeTheBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void rejectedRowsAreFixedFromTheImportsSummaryOnceEach() throws Exception {
		Path file = dir.resolve("rejects-to-fix.csv");
		String good = line("Rejected Co Good", "USA", 50);
		String tooManyClicks = line("Rejected Co Clicks", "USA", 5000);
		String nowhere = line("Rejected Co Country", "Atlantis", 50);
		Files.write(file, (new String(CsvFormat.header(), StandardCharsets.UTF_8) + good + tooManyClicks + nowhere)
			.getBytes(StandardCharsets.UTF_8));

		browser.get(uri("/import").toString());
		browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
		browser.findElement(By.id("start-import")).click();
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(d -> d.findElement(By.id("import-title")).getText().equals("Import finished"));
		assertThat(browser.findElement(By.id("s-rejected")).getText()).isEqualTo("2");
		String summary = browser.getCurrentUrl();

		Browser.clickToNextPage(browser, By.id("fix-rejected-link"));
		assertThat(browser.findElement(By.id("rejected-count")).getText()).isEqualTo("2 rejected, 2 still open.");
		assertThat(browser.findElement(By.id("r-1")).findElement(By.className("reason")).getText())
			.contains("clicks must not exceed impressions");
		assertThat(browser.findElement(By.id("r-2")).findElement(By.className("reason")).getText()).contains("country")
			.contains("Atlantis");
		Browser.screenshot(browser, "rejected-rows");

		// row 1: the form starts from the row; a fix that is still wrong says why
		Browser.clickToNextPage(browser, By.id("fix-1"));
		assertThat(browser.findElement(By.id("fix-reason")).getText()).contains("clicks must not exceed impressions");
		assertThat(browser.findElement(By.id("campaign_company")).getAttribute("value"))
			.isEqualTo("Rejected Co Clicks");
		assertThat(browser.findElement(By.id("clicks-error")).getText()).contains("clicks must not exceed");
		Browser.clickToNextPage(browser, By.id("submit"));
		assertThat(browser.findElement(By.id("clicks-error")).getText()).contains("clicks must not exceed");
		WebElement clicks = browser.findElement(By.id("clicks"));
		clicks.clear();
		clicks.sendKeys("500");
		Browser.clickToNextPage(browser, By.id("submit"));
		long first = Long.parseLong(browser.findElement(By.id("campaign-id")).getText());
		assertLandsOnce(first, "Rejected Co Clicks");

		// row 2: the country it had is none of ours; the form offers ours
		browser.get(summary.replaceAll("/import/(\\d+).*", "/import/$1/rejected"));
		Browser.clickToNextPage(browser, By.id("fix-2"));
		new Select(browser.findElement(By.id("country"))).selectByVisibleText("Germany");
		Browser.clickToNextPage(browser, By.id("submit"));
		long second = Long.parseLong(browser.findElement(By.id("campaign-id")).getText());
		assertLandsOnce(second, "Rejected Co Country");

		browser.get(summary.replaceAll("/import/(\\d+).*", "/import/$1/rejected"));
		assertThat(browser.findElement(By.id("rejected-count")).getText()).isEqualTo("2 rejected, 0 still open.");
		assertThat(browser.findElement(By.id("r-1")).findElement(By.className("status")).getText())
			.isEqualTo("fixed as " + first);
		assertThat(browser.findElements(By.id("fix-1"))).isEmpty();
		// a second fix of the same row is refused and saves nothing
		browser.get(summary.replaceAll("/import/(\\d+).*", "/import/$1/rejected/1/fix"));
		assertThat(browser.findElement(By.id("message")).getText())
			.isEqualTo("Rejected row 1 is fixed already: it became campaign " + first + ". Nothing was changed.");
		assertThat(
				get(summary.replaceAll("^http://[^/]+", "").replaceAll("/import/(\\d+).*", "/import/$1/rejected/1/fix"))
					.statusCode())
			.isEqualTo(409);
		assertThat(get("/import/987654/rejected").statusCode()).isEqualTo(404);
	}

	private void assertLandsOnce(long id, String company) throws Exception {
		LandsOnce.assertLandsOnce(DATA_DIR, mirror, id, company);
	}

	/** A row of the original tool's layout, without an id (the import gives one). */
	private static String line(String company, String country, long clicks) {
		Campaign campaign = new Campaign(company, "Reject drive", "Conversions", "Google", "Image",
				LocalDate.of(2024, 5, 6), 1000, clicks, 5, new BigDecimal("12.50"), "Mobile", country, "New Users",
				null, "");
		return new String(CsvFormat.lines(List.of(StoredCampaign.of(0, campaign))), StandardCharsets.UTF_8)
			.replaceFirst("^0,", ",");
	}

}
