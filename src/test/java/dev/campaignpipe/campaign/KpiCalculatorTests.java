package dev.campaignpipe.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KpiCalculatorTests {

	@Test
	void workedExampleOfTheSpecGivesItsValuesToTheDigit() {
		Kpis k = Kpis.of(TestCampaigns.workedExample());
		assertThat(k.costPerClick()).isEqualByComparingTo("0.2603").hasScaleOf(4);
		assertThat(k.costPerMille()).isEqualByComparingTo("17.3220").hasScaleOf(4);
		assertThat(k.ctr()).isEqualByComparingTo("0.066541").hasScaleOf(6);
		assertThat(k.conversionRate()).isEqualByComparingTo("0.620761").hasScaleOf(6);
		assertThat(k.cpcEffectivenessScore()).isEqualByComparingTo("0.255610").hasScaleOf(6);
		assertThat(k.roiScore()).isEqualByComparingTo("2.384592").hasScaleOf(6);
		assertThat(k.qualityScore()).isEqualByComparingTo("6.8730").hasScaleOf(4);
		assertThat(k.clickToConversionRatio()).isEqualByComparingTo("1.610925").hasScaleOf(6);
		assertThat(k.engagementToSpendRatio()).isEqualByComparingTo("3.841399").hasScaleOf(6);
		assertThat(k.costEfficiencyIndex()).isEqualByComparingTo("0.4194").hasScaleOf(4);
		assertThat(k.weekNumber()).isEqualTo(42);
		assertThat(k.month()).isEqualTo(10);
		assertThat(k.year()).isEqualTo(2024);
		assertThat(k.quarter()).isEqualTo(4);
		assertThat(k.isoYear()).isEqualTo(2024);
		assertThat(k.roas()).isNull();
		assertThat(k.roi()).isNull();
	}

	/**
	 * Each zero denominator, and which KPIs it must leave undefined (null, never 0 or an
	 * error). Columns: impressions, clicks, conversions, spend, then the KPIs expected to
	 * be null.
	 */
	@ParameterizedTest(name = "impressions={0} clicks={1} conversions={2} spend={3} -> null: {4}")
	@CsvSource(delimiter = ';', value = { "0; 0; 5; 10.00; cpc cpm ctr conversion_rate cpc_effectiveness quality",
			"100; 0; 5; 10.00; cpc conversion_rate cpc_effectiveness quality",
			"100; 10; 0; 10.00; click_to_conversion cost_efficiency",
			"100; 10; 5; 0; cpc_effectiveness roi_score engagement_to_spend",
			"0; 0; 0; 0; cpc cpm ctr conversion_rate cpc_effectiveness roi_score click_to_conversion quality engagement_to_spend cost_efficiency" })
	void zeroDenominatorsGiveUndefinedKpis(long impressions, long clicks, long conversions, String spend,
			String nulls) {
		Kpis k = Kpis.of(TestCampaigns.campaign(impressions, clicks, conversions, spend, null));
		java.util.Map<String, BigDecimal> all = new java.util.LinkedHashMap<>();
		all.put("cpc", k.costPerClick());
		all.put("cpm", k.costPerMille());
		all.put("ctr", k.ctr());
		all.put("conversion_rate", k.conversionRate());
		all.put("cpc_effectiveness", k.cpcEffectivenessScore());
		all.put("roi_score", k.roiScore());
		all.put("click_to_conversion", k.clickToConversionRatio());
		all.put("quality", k.qualityScore());
		all.put("engagement_to_spend", k.engagementToSpendRatio());
		all.put("cost_efficiency", k.costEfficiencyIndex());
		java.util.Set<String> expectedNull = java.util.Set.of(nulls.split(" "));
		all.forEach((name, value) -> {
			if (expectedNull.contains(name)) {
				assertThat(value).as(name).isNull();
			}
			else {
				assertThat(value).as(name).isNotNull();
			}
		});
	}

	@Test
	void zeroSpendWithClicksHasAZeroCostPerClickButNoEffectivenessScore() {
		Kpis k = Kpis.of(TestCampaigns.campaign(100, 10, 5, "0", null));
		assertThat(k.costPerClick()).isEqualByComparingTo("0");
		assertThat(k.cpcEffectivenessScore()).isNull();
	}

	@ParameterizedTest(name = "{0} is ISO week {1} of {2}, month {3}, quarter {4}")
	@CsvSource({ "2024-12-30, 1, 2025, 12, 4, 2024", "2021-01-03, 53, 2020, 1, 1, 2021",
			"2020-12-31, 53, 2020, 12, 4, 2020", "2024-01-01, 1, 2024, 1, 1, 2024", "2027-01-01, 53, 2026, 1, 1, 2027",
			"2024-02-29, 9, 2024, 2, 1, 2024" })
	void dateFieldsFollowIsoWeeks(LocalDate date, int week, int isoYear, int month, int quarter, int year) {
		Kpis k = Kpis.of(TestCampaigns.withDate(date));
		assertThat(k.weekNumber()).isEqualTo(week);
		assertThat(k.isoYear()).isEqualTo(isoYear);
		assertThat(k.month()).isEqualTo(month);
		assertThat(k.quarter()).isEqualTo(quarter);
		assertThat(k.year()).isEqualTo(year);
	}

	@Test
	void upperLimitsKeepEveryDigit() {
		// 10^12 impressions and clicks, 10^10 spend: products reach 10^34, far past long
		// and double
		Kpis k = Kpis.of(TestCampaigns.campaign(1_000_000_000_000L, 1_000_000_000_000L, 999_999_000_000L,
				"10000000000.00", "9999999999.99"));
		assertThat(k.costPerClick()).isEqualByComparingTo("0.0100");
		assertThat(k.costPerMille()).isEqualByComparingTo("10.0000");
		assertThat(k.ctr()).isEqualByComparingTo("1.000000");
		assertThat(k.conversionRate()).isEqualByComparingTo("0.999999");
		assertThat(k.cpcEffectivenessScore()).isEqualByComparingTo("100.000000");
		assertThat(k.roiScore()).isEqualByComparingTo("99.999900");
		assertThat(k.clickToConversionRatio()).isEqualByComparingTo("1.000001");
		assertThat(k.qualityScore()).isEqualByComparingTo("20.0000"); // (1 + 0.999999) ×
																		// 10 = 19.99999
		assertThat(k.engagementToSpendRatio()).isEqualByComparingTo("100.000000");
		assertThat(k.costEfficiencyIndex()).isEqualByComparingTo("0.0100");
		assertThat(k.roas()).isEqualByComparingTo("1.000000");
		assertThat(k.roi()).isEqualByComparingTo("-0.000000");
		// a double would print 0.9999999999990 for 9999999999.99 / 10^10; the exact
		// quotient rounds to 1
		assertThat(KpiCalculator.divide(new BigDecimal("9999999999.99"), new BigDecimal("10000000000.00"), 12))
			.isEqualByComparingTo("0.999999999999");
	}

	@Test
	void smallestSpendWithLargestConversionsDoesNotOverflow() {
		Kpis k = Kpis.of(TestCampaigns.campaign(1_000_000_000_000L, 1, 1_000_000_000_000L, "0.01", null));
		assertThat(k.roiScore()).isEqualByComparingTo("100000000000000");
		assertThat(k.costPerMille()).isEqualByComparingTo("0.0000");
	}

	@Test
	void roundsHalfUp() {
		// 0.01 / 8 = 0.00125: exactly half way at scale 4, so HALF_UP gives 0.0013
		// (HALF_EVEN would give 0.0012)
		Kpis k = Kpis.of(TestCampaigns.campaign(100, 8, 1, "0.01", null));
		assertThat(k.costPerClick()).isEqualByComparingTo("0.0013");
	}

	@Test
	void revenueGivesRoasAndRoi() {
		Kpis k = Kpis.of(TestCampaigns.campaign(1000, 100, 10, "200.00", "500.00"));
		assertThat(k.roas()).isEqualByComparingTo("2.500000").hasScaleOf(6);
		assertThat(k.roi()).isEqualByComparingTo("1.500000").hasScaleOf(6);
		Kpis loss = Kpis.of(TestCampaigns.campaign(1000, 100, 10, "200.00", "50.00"));
		assertThat(loss.roi()).isEqualByComparingTo("-0.750000");
		Kpis noSpend = Kpis.of(TestCampaigns.campaign(1000, 100, 10, "0", "50.00"));
		assertThat(noSpend.roas()).isNull();
		assertThat(noSpend.roi()).isNull();
	}

}
