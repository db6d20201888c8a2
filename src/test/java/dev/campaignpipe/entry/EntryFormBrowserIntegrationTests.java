package dev.campaignpipe.entry;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry form in a real headless Chromium: what an analyst types and sees. */
class EntryFormBrowserIntegrationTests extends AppIntegrationTest {

	private static ChromeDriver driver;

	@BeforeAll
	static void startBrowser() {
		driver = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	private void open() {
		driver.get(uri("/").toString());
	}

	private void type(String field, String value) {
		WebElement input = driver.findElement(By.name(field));
		input.clear();
		input.sendKeys(value);
	}

	private void choose(String field, String visibleText) {
		new Select(driver.findElement(By.name(field))).selectByVisibleText(visibleText);
	}

	private void setDate(String iso) {
		driver.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.name("date")), iso);
	}

	private void fillWorkedExample() {
		type("campaign_company", "Amazon");
		type("campaign_name", "App Install Drive");
		choose("campaign_type", "Leads");
		choose("marketing_channel", "Google");
		choose("ad_format", "Text");
		setDate("2024-10-15");
		type("impressions", "43432");
		type("clicks", "2890");
		type("conversions", "1794");
		type("ad_spend", "752.33");
		choose("device_type", "Mobile");
		choose("country", "Australia");
		choose("audience_segment", "High Intent");
	}

	/** Waits for the element: after a click the next page may still be loading. */
	private String text(String id) {
		return new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id(id)))
			.getText();
	}

	@Test
	void formOffersCategoriesSuggestionsAndTodaysDate() {
		open();
		assertThat(driver.findElement(By.name("date")).getDomProperty("value"))
			.isEqualTo(LocalDate.now(Clock.systemDefaultZone()) /* the server's "today" */.toString());
		assertThat(new Select(driver.findElement(By.name("ad_format"))).getOptions()).extracting(WebElement::getText)
			.containsExactly("Choose…", "Carousel", "Image", "Story", "Text", "Video");
		assertThat(driver.findElements(By.cssSelector("datalist#companies option"))).hasSize(49);
		assertThat(driver.findElement(By.name("campaign_company")).getDomAttribute("list")).isEqualTo("companies");
		assertThat(driver.findElements(By.cssSelector("input[name=_csrf]"))).hasSize(1);
		Browser.screenshot(driver, "form");
	}

	@Test
	void workedExampleLandsOnAConfirmationWithItsIdAndPeopleFormattedKpis() throws Exception {
		open();
		fillWorkedExample();
		Browser.clickToNextPage(driver, By.id("submit"));

		long id = Long.parseLong(text("campaign-id"));
		assertThat(driver.getCurrentUrl()).endsWith("/campaigns/" + id);
		assertThat(get("/api/campaigns/" + id).body()).contains("\"cost_per_click\":0.2603");
		assertThat(text("v-campaign_company")).isEqualTo("Amazon");
		assertThat(text("v-impressions")).isEqualTo("43,432");
		assertThat(text("v-ad_spend")).isEqualTo("752.33");
		Map<String, String> expected = Map.of("k-cost_per_click", "0.26", "k-cost_per_mille", "17.32", "k-ctr",
				"6.65 %", "k-conversion_rate", "62.08 %", "k-cpc_effectiveness_score", "0.2556", "k-roi_score",
				"2.3846", "k-quality_score", "6.87", "k-click_to_conversion_ratio", "1.61",
				"k-engagement_to_spend_ratio", "3.8414", "k-cost_efficiency_index", "0.42");
		expected.forEach((element, value) -> assertThat(text(element)).as(element).isEqualTo(value));
		assertThat(text("k-week_number")).isEqualTo("W42 2024");
		assertThat(text("where")).contains("Written to the CSV file");
		Browser.screenshot(driver, "confirmation");

		Browser.clickToNextPage(driver, By.id("enter-another"));
		assertThat(driver.findElement(By.name("campaign_company")).getDomProperty("value")).isEmpty();
	}

	@Test
	void undefinedKpisShowADash() {
		open();
		fillWorkedExample();
		type("impressions", "0");
		type("clicks", "0");
		type("conversions", "0");
		type("ad_spend", "0");
		Browser.clickToNextPage(driver, By.id("submit"));
		assertThat(text("k-cost_per_click")).isEqualTo("—");
		assertThat(text("k-ctr")).isEqualTo("—");
		assertThat(text("k-cost_efficiency_index")).isEqualTo("—");
		Browser.screenshot(driver, "confirmation-undefined-kpis");
	}

	@Test
	void badValuesComeBackWithTheUsersInputAndAMessageBesideEachField() {
		open();
		fillWorkedExample();
		type("campaign_company", "   ");
		type("clicks", "50000");
		type("ad_spend", "1.234");
		setDate("1999-01-01");
		Browser.clickToNextPage(driver, By.id("submit"));

		assertThat(text("notice")).isEqualTo("Please correct the highlighted fields.");
		assertThat(text("campaign_company-error")).isEqualTo("campaign_company is required");
		assertThat(text("clicks-error")).isEqualTo("clicks must not exceed impressions (43432)");
		assertThat(text("ad_spend-error"))
			.isEqualTo("ad_spend must be an amount from 0 to 10000000000 with at most 2 decimals");
		assertThat(text("date-error")).startsWith("date must be between 2000-01-01 and ");
		assertThat(driver.findElement(By.name("clicks")).getDomProperty("value")).isEqualTo("50000");
		assertThat(driver.findElement(By.name("impressions")).getDomProperty("value")).isEqualTo("43432");
		assertThat(new Select(driver.findElement(By.name("marketing_channel"))).getFirstSelectedOption().getText())
			.isEqualTo("Google");
		assertThat(driver.findElements(By.cssSelector(".field.invalid"))).hasSize(4);
		Browser.screenshot(driver, "form-errors");
	}

	@Test
	void markupAndNonAsciiTextAreShownAsTyped() {
		open();
		fillWorkedExample();
		String company = "<script>alert(1)</script> Müller & Søn";
		type("campaign_company", company);
		Browser.clickToNextPage(driver, By.id("submit"));
		assertThat(text("v-campaign_company")).isEqualTo(company);
		assertThat(driver.findElements(By.tagName("script"))).isEmpty();
	}

}
