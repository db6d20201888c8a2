package dev.campaignpipe.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.campaignpipe.importer.PresetImportIntegrationTests.Example;
import dev.campaignpipe.importer.PresetImportIntegrationTests.Sums;
import dev.campaignpipe.support.Browser;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.Database;
import dev.campaignpipe.support.PresetFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each ad platform's example export dropped on the upload page in Chromium (SPEC §14):
 * the preview names the platform and what is missing, the analyst fills in the defaults,
 * previews again, imports; the stored records carry the sums of the file's data rows and
 * the summary counts every line.
 */
class PresetUploadBrowserIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void everyExampleIsPreviewedThenImportedFromTheUploadPage() throws Exception {
		Path data = dir.resolve("data");
		Database database = Database.embedded(data);
		ChromeDriver driver = Browser.start();
		try (ChildApp app = ChildApp.start(data)) {
			for (Example example : PresetImportIntegrationTests.examples().toList()) {
				Path input = Files.copy(PresetFiles.of(example.file()), dir.resolve(example.file()));
				Sums before = PresetImportIntegrationTests.storedRecords(database);

				driver.get(app.uri("/import").toString());
				driver.findElement(By.id("file")).sendKeys(input.toAbsolutePath().toString());
				submit(driver, "preview-import");
				assertThat(driver.findElement(By.id("preview-preset")).getText()).contains(example.preset());
				assertThat(driver.findElements(By.cssSelector(".stop"))).as("defaults still missing").isNotEmpty();
				Browser.screenshot(driver, "preset-preview-" + example.preset());

				for (String given : example.defaults()) {
					String field = given.substring(0, given.indexOf('='));
					String value = given.substring(given.indexOf('=') + 1);
					WebElement input2 = driver.findElement(By.id("default_" + field));
					if (input2.getTagName().equals("select")) {
						new Select(input2).selectByValue(value);
					}
					else {
						input2.clear();
						input2.sendKeys(value);
					}
				}
				submit(driver, "preview-again");
				assertThat(driver.findElements(By.cssSelector(".stop"))).as("nothing missing now").isEmpty();
				assertThat(driver.findElements(By.cssSelector("#preview-records tbody tr"))).isNotEmpty();
				submit(driver, "import-previewed");
				new WebDriverWait(driver, Duration.ofSeconds(60))
					.until(d -> d.findElement(By.id("import-title")).getText().equals("Import finished"));
				Browser.screenshot(driver, "preset-imported-" + example.preset());

				assertThat(driver.findElement(By.id("s-preset")).getText()).isEqualTo(example.preset());
				long read = number(driver, "s-read");
				long rejected = number(driver, "s-rejected");
				Sums file = PresetImportIntegrationTests.dataRows(example, input);
				assertThat(read).as(example.file()).isEqualTo(file.rows());
				long skipped = driver.findElements(By.cssSelector("[id^=s-lines-]"))
					.stream()
					.mapToLong(e -> Long.parseLong(e.getText().replace(",", "")))
					.sum();
				assertThat(1 + read + skipped).as("every line of " + example.file())
					.isEqualTo(PresetImportIntegrationTests.lines(input, example.charset()));
				Path rejectsFile;
				try (var uploads = Files.list(data.resolve("imports"))) { // beside the
																			// upload
					rejectsFile = uploads.filter(
							p -> p.getFileName().toString().endsWith(example.file().replace(".csv", ".rejects.csv")))
						.findFirst()
						.orElse(null);
				}
				Sums rejectedSums = rejected == 0 ? Sums.NONE
						: PresetImportIntegrationTests.rejectedRows(example, rejectsFile);
				Sums stored = PresetImportIntegrationTests.storedRecords(database).minus(before);
				assertThat(stored.rows()).isEqualTo(number(driver, "s-stored")).isPositive();
				assertThat(stored.impressions().add(rejectedSums.impressions()))
					.isEqualByComparingTo(file.impressions());
				assertThat(stored.clicks().add(rejectedSums.clicks())).isEqualByComparingTo(file.clicks());
				assertThat(stored.spend().add(rejectedSums.spend())).isEqualByComparingTo(file.spend());
				assertThat(stored.revenue().add(rejectedSums.revenue())).isEqualByComparingTo(file.revenue());
			}
		}
		finally {
			driver.quit();
		}
	}

	/** Clicks a submit button and waits for the next page. */
	private static void submit(ChromeDriver driver, String button) {
		driver.executeScript("window.leaving = true;"); // gone once the next page is
														// loaded
		driver.findElement(By.id(button)).click();
		new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
				driver.executeScript("return window.leaving === undefined && document.readyState === 'complete';")));
	}

	private static long number(ChromeDriver driver, String id) {
		return Long.parseLong(driver.findElement(By.id(id)).getText().replace(",", ""));
	}

}
