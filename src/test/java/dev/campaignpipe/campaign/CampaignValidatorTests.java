package dev.campaignpipe.campaign;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignValidatorTests {

	private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	private final CampaignValidator validator = new CampaignValidator(
			new Categories(TestProperties.load(Path.of("unused")).categories()), TODAY);

	static Map<CampaignField, String> valid() {
		Map<CampaignField, String> v = new HashMap<>();
		v.put(CampaignField.CAMPAIGN_COMPANY, "Amazon");
		v.put(CampaignField.CAMPAIGN_NAME, "App Install Drive");
		v.put(CampaignField.CAMPAIGN_TYPE, "Leads");
		v.put(CampaignField.MARKETING_CHANNEL, "Google");
		v.put(CampaignField.AD_FORMAT, "Text");
		v.put(CampaignField.DATE, "2024-10-15");
		v.put(CampaignField.IMPRESSIONS, "43432");
		v.put(CampaignField.CLICKS, "2890");
		v.put(CampaignField.CONVERSIONS, "1794");
		v.put(CampaignField.AD_SPEND, "752.33");
		v.put(CampaignField.DEVICE_TYPE, "Mobile");
		v.put(CampaignField.COUNTRY, "Australia");
		v.put(CampaignField.AUDIENCE_SEGMENT, "High Intent");
		return v;
	}

	private Validation validate(CampaignField field, String value) {
		Map<CampaignField, String> v = valid();
		v.put(field, value);
		return validator.validate(new CampaignInput(v), DateInput.ISO);
	}

	@Test
	void validInputBecomesACampaign() {
		Validation result = validator.validate(new CampaignInput(valid()), DateInput.ISO);
		assertThat(result.errors()).isEmpty();
		assertThat(result.campaign()).isEqualTo(TestCampaigns.workedExample());
	}

	@ParameterizedTest(name = "{0}: ''{1}'' -> ''{2}''")
	@CsvSource(delimiter = '|',
			value = { "MARKETING_CHANNEL|'Instagram '|Instagram", "MARKETING_CHANNEL|instagram|Instagram",
					"MARKETING_CHANNEL|'  you   tube '|YouTube", "COUNTRY|Uk|UK", "COUNTRY|united kingdom|UK",
					"COUNTRY|US|USA", "AD_FORMAT|Vedio|Video", "AD_FORMAT|'Carousel '|Carousel",
					"CAMPAIGN_TYPE|'Engagement '|Engagement", "CAMPAIGN_TYPE|app installs|App Installs",
					"AUDIENCE_SEGMENT|'cold\taudience'|Cold Audience",
					"CAMPAIGN_COMPANY|'  Marks   &  Spencer '|Marks & Spencer",
					"CAMPAIGN_NAME|'Winter\u00A0Deals'|Winter Deals" })
	void normalizesSpellingToTheCanonicalValue(CampaignField field, String raw, String canonical) {
		Validation result = validate(field, raw);
		assertThat(result.errors()).isEmpty();
		Campaign c = result.campaign();
		String actual = switch (field) {
			case MARKETING_CHANNEL -> c.channel();
			case COUNTRY -> c.country();
			case AD_FORMAT -> c.adFormat();
			case CAMPAIGN_TYPE -> c.type();
			case AUDIENCE_SEGMENT -> c.audienceSegment();
			case CAMPAIGN_COMPANY -> c.company();
			case CAMPAIGN_NAME -> c.name();
			default -> throw new IllegalArgumentException(field.name());
		};
		assertThat(actual).isEqualTo(canonical);
	}

	@ParameterizedTest(name = "{0} = ''{1}'' -> {2}")
	@CsvSource(delimiter = '|', nullValues = "NULL", value = { "CAMPAIGN_COMPANY|NULL|campaign_company is required",
			"CAMPAIGN_COMPANY|'   '|campaign_company is required",
			"MARKETING_CHANNEL|Snapchat|marketing_channel must be one of Facebook, Google, Instagram, LinkedIn, Pinterest, YouTube, TikTok, Microsoft Advertising (got 'Snapchat')",
			"DATE|15-10-2024|date must be a calendar date written yyyy-MM-dd (got '15-10-2024')",
			"DATE|2024-02-30|date must be a calendar date written yyyy-MM-dd (got '2024-02-30')",
			"DATE|1999-12-31|date must be between 2000-01-01 and 2027-11-25",
			"DATE|2027-11-26|date must be between 2000-01-01 and 2027-11-25",
			"IMPRESSIONS|-1|impressions must be a whole number from 0 to 1000000000000",
			"IMPRESSIONS|12.5|impressions must be a whole number from 0 to 1000000000000",
			"IMPRESSIONS|1000000000001|impressions must be a whole number from 0 to 1000000000000",
			"IMPRESSIONS|abc|impressions must be a whole number from 0 to 1000000000000",
			"CLICKS|43433|clicks must not exceed impressions (43432)",
			"CONVERSIONS|99999999999999999999|conversions must be a whole number from 0 to 1000000000000",
			"AD_SPEND|752.331|ad_spend must be an amount from 0 to 10000000000 with at most 2 decimals",
			"AD_SPEND|10000000000.01|ad_spend must be an amount from 0 to 10000000000 with at most 2 decimals",
			"AD_SPEND|-5|ad_spend must be an amount from 0 to 10000000000 with at most 2 decimals",
			"AD_SPEND|1e3|ad_spend must be an amount from 0 to 10000000000 with at most 2 decimals",
			"REVENUE|12.345|revenue must be an amount from 0 to 10000000000 with at most 2 decimals" })
	void badInputNamesTheFieldAndTheRule(CampaignField field, String raw, String message) {
		Validation result = validate(field, raw);
		assertThat(result.isValid()).isFalse();
		assertThat(result.errorsByKey()).containsExactly(Map.entry(field.key(), message));
	}

	@Test
	void textLongerThan100CharactersIsRejected() {
		assertThat(validate(CampaignField.CAMPAIGN_NAME, "x".repeat(100)).isValid()).isTrue();
		assertThat(validate(CampaignField.CAMPAIGN_NAME, "x".repeat(101)).errorsByKey()).containsEntry("campaign_name",
				"campaign_name must be at most 100 characters");
	}

	@Test
	void limitsAreInclusive() {
		Map<CampaignField, String> v = valid();
		v.put(CampaignField.IMPRESSIONS, "1000000000000");
		v.put(CampaignField.CLICKS, "1000000000000");
		v.put(CampaignField.CONVERSIONS, "0");
		v.put(CampaignField.AD_SPEND, "10000000000.00");
		v.put(CampaignField.DATE, "2000-01-01");
		assertThat(validator.validate(new CampaignInput(v), DateInput.ISO).errors()).isEmpty();
		v.put(CampaignField.DATE, "2027-11-25");
		assertThat(validator.validate(new CampaignInput(v), DateInput.ISO).errors()).isEmpty();
	}

	@Test
	void conversionsMayExceedClicks() {
		assertThat(validate(CampaignField.CONVERSIONS, "5000").isValid()).isTrue();
	}

	@Test
	void everyMissingFieldIsReportedAtOnce() {
		Validation result = validator.validate(new CampaignInput(Map.of()), DateInput.ISO);
		assertThat(result.errorsByKey()).hasSize(13).doesNotContainKey("revenue");
		assertThat(result.campaign()).isNull();
	}

	@Test
	void moneyIsKeptExactWithTwoDecimals() {
		Validation result = validate(CampaignField.AD_SPEND, "490");
		assertThat(result.campaign().adSpend()).isEqualTo(new BigDecimal("490.00"));
	}

	@Test
	void csvDatesAcceptTheOriginalDayFirstForm() {
		Map<CampaignField, String> v = valid();
		v.put(CampaignField.DATE, "15-10-2024");
		assertThat(validator.validate(new CampaignInput(v), DateInput.ISO_OR_DAY_FIRST).campaign().date())
			.isEqualTo(LocalDate.of(2024, 10, 15));
		v.put(CampaignField.DATE, "03-04-2024");
		assertThat(validator.validate(new CampaignInput(v), DateInput.ISO_OR_DAY_FIRST).campaign().date())
			.isEqualTo(LocalDate.of(2024, 4, 3));
		assertThat(validator.validate(new CampaignInput(v), DateInput.ISO_OR_MONTH_FIRST).campaign().date())
			.isEqualTo(LocalDate.of(2024, 3, 4));
	}

	@Test
	void aRuleBreakingButReadableRecordCanBeFlagged() {
		Validation result = validate(CampaignField.CLICKS, "50000");
		assertThat(result.flagged().dataQuality()).isEqualTo("clicks must not exceed impressions (43432)");
		assertThat(validate(CampaignField.CLICKS, "many").flagged()).isNull();
	}

}
