package dev.campaignpipe.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.campaignpipe.support.Browser;
import dev.campaignpipe.support.ChildApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploading the original tool's file in a real browser, on a fresh product. */
class ImportPageBrowserIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void uploadShowsProgressThenASummaryThatAccountsForEveryRow() throws Exception {
		Path sample = Files.copy(ImportCommandIntegrationTests.SAMPLE, dir.resolve("sample_original_dataset.csv"));
		long rows = Files.readAllLines(sample).stream().skip(1).filter(l -> !l.isBlank()).count();
		ChromeDriver driver = Browser.start();
		try (ChildApp app = ChildApp.start(dir.resolve("data"))) {
			driver.get(app.uri("/import").toString());
			Browser.screenshot(driver, "import-form");
			driver.findElement(By.id("file")).sendKeys(sample.toAbsolutePath().toString());
			driver.findElement(By.id("start-import")).click();
			new WebDriverWait(driver, Duration.ofSeconds(60))
				.until(d -> d.findElement(By.id("import-title")).getText().equals("Import finished"));
			Browser.screenshot(driver, "import-finished");

			long read = number(driver, "s-read");
			long stored = number(driver, "s-stored");
			long duplicates = number(driver, "s-duplicates");
			long rejected = number(driver, "s-rejected");
			assertThat(read).isEqualTo(rows);
			assertThat(stored + duplicates + rejected).isEqualTo(read);
			assertThat(rejected).isPositive();
			assertThat(driver.findElement(By.id("rejects-link")).getText()).contains("rejected rows");
			assertThat(driver.findElement(By.id("import-progress")).getDomAttribute("value")).isEqualTo("100");

			// the stored rows are normalized records with recomputed KPIs, like form
			// entries
			driver.get(app.uri("/campaigns/1").toString());
			assertThat(driver.findElement(By.id("v-marketing_channel")).getText()).isEqualTo("Google");
			assertThat(driver.findElement(By.id("k-quality_score")).getText()).isEqualTo("6.87");
		}
		finally {
			driver.quit();
		}
	}

	private static long number(ChromeDriver driver, String id) {
		return Long.parseLong(driver.findElement(By.id(id)).getText().replace(",", ""));
	}

}
