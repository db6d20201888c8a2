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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16: a file above the upload limit is refused with a page that says what the limit
 * is, which setting holds it and how to import the file instead; nothing is imported.
 */
class UploadLimitBrowserIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aFileAboveTheUploadLimitIsRefusedWithAPageSayingWhatToDo() throws Exception {
		Path big = dir.resolve("big.csv");
		StringBuilder rows = new StringBuilder("campaign_company,campaign_name\n");
		while (rows.length() < 2 * 1024 * 1024) {
			rows.append("Acme,Spring Launch\n");
		}
		Files.writeString(big, rows);
		Path data = Files.createDirectories(dir.resolve("data"));
		try (ChildApp app = ChildApp.start(data, "--spring.servlet.multipart.max-file-size=1MB",
				"--spring.servlet.multipart.max-request-size=1MB")) {
			ChromeDriver driver = Browser.start();
			try {
				driver.get(app.uri("/import").toString());
				driver.findElement(By.id("file")).sendKeys(big.toString());
				driver.findElement(By.id("start-import")).click();
				await().atMost(Duration.ofSeconds(20))
					.ignoreExceptions()
					.until(() -> driver.findElement(By.tagName("h1")).getText().equals("Error 413"));
				assertThat(driver.findElement(By.id("message")).getText())
					.contains("larger than the upload limit (1MB, spring.servlet.multipart.max-file-size)")
					.contains("Nothing was imported")
					.contains("import FILE");
				Browser.screenshot(driver, "upload-too-large");
			}
			finally {
				driver.quit();
			}
			assertThat(app.get("/api/pipeline/status")).doesNotContain("Spring Launch");
			assertThat(
					Files.exists(data.resolve("campaigns.csv")) ? Files.readString(data.resolve("campaigns.csv")) : "")
				.doesNotContain("Spring Launch");
		}
	}

}
