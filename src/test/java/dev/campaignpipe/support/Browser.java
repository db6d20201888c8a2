package dev.campaignpipe.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Consumer;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium driven headless through Debian's chromedriver — no browser download.
 * A missing browser fails the test rather than skipping it: CI installs both packages.
 */
public final class Browser {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private Browser() {
	}

	public static ChromeDriver start() {
		return start(options -> {
		});
	}

	/**
	 * As {@link #start()}, with options of the test's own on top (a download folder, the
	 * console log).
	 */
	public static ChromeDriver start(Consumer<ChromeOptions> customize) {
		assertThat(new File(CHROMIUM)).as("Debian package chromium (apt-get install chromium)").canRead();
		assertThat(new File(CHROMEDRIVER)).as("Debian package chromium-driver").canRead();
		try {
			Path profile = Files.createTempDirectory("chromium-profile");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1280,1400", "--user-data-dir=" + profile);
			customize.accept(options);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return driver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Clicks what leaves the page (a form's submit, a link) and waits until the next page
	 * has replaced it and finished loading. A click does not wait for the navigation it
	 * starts: without this, the next lookup can find the old page's element of the same
	 * id (a form shown again with its error) and type into a page that is about to go
	 * away. The old page is marked in its window object, which the next page does not
	 * have (asking the old page's elements whether they are stale can fail with an
	 * inspector error while the documents change).
	 */
	public static void clickToNextPage(ChromeDriver driver, By target) {
		driver.executeScript("window.leftByTest = true");
		driver.findElement(target).click();
		new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
			.until(d -> Boolean.TRUE.equals(driver
				.executeScript("return window.leftByTest === undefined && document.readyState === 'complete'")));
	}

	/** Saves what the page looks like under target/screenshots/NAME.png. */
	public static Path screenshot(ChromeDriver driver, String name) {
		try {
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Path target = dir.resolve(name + ".png");
			Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
					StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
