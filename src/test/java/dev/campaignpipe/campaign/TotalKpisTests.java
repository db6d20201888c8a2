package dev.campaignpipe.campaign;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotalKpisTests {

	@Test
	void oneRecordsTotalsGiveItsOwnKpis() {
		Campaign c = TestCampaigns.workedExample();
		Kpis own = Kpis.of(c);

		TotalKpis total = TotalKpis.of(c.impressions(), c.clicks(), c.conversions(), c.adSpend(), null, null);

		assertThat(total.costPerClick()).isEqualByComparingTo(own.costPerClick()).isEqualByComparingTo("0.2603");
		assertThat(total.costPerMille()).isEqualTo(own.costPerMille());
		assertThat(total.ctr()).isEqualTo(own.ctr());
		assertThat(total.conversionRate()).isEqualTo(own.conversionRate());
		assertThat(total.costPerConversion()).isEqualTo(own.costEfficiencyIndex());
		assertThat(total.roiScore()).isEqualTo(own.roiScore());
		assertThat(total.engagementToSpendRatio()).isEqualTo(own.engagementToSpendRatio());
		assertThat(total.qualityScore()).isEqualTo(own.qualityScore()).isEqualTo(new BigDecimal("6.8730"));
		assertThat(total.roas()).isNull();
		assertThat(total.roi()).isNull();
	}

	@Test
	void ratiosOfSumsNotSumsOfRatios() {
		// two records: 1 conversion for 1.00 and 9 conversions for 99.00
		TotalKpis total = TotalKpis.of(2000, 200, 10, new BigDecimal("100.00"), new BigDecimal("150.00"),
				new BigDecimal("100.00"));

		assertThat(total.roiScore()).isEqualTo(new BigDecimal("0.100000")); // 10 / 100,
																			// not 1/1 +
																			// 9/99
		assertThat(total.costPerConversion()).isEqualTo(new BigDecimal("10.0000"));
		assertThat(total.roas()).isEqualTo(new BigDecimal("1.500000"));
		assertThat(total.roi()).isEqualTo(new BigDecimal("0.500000"));
		assertThat(total.qualityScore()).isEqualTo(new BigDecimal("1.5000")); // (0.1 +
																				// 0.05) ×
																				// 10
	}

	@Test
	void roasComparesRevenueWithTheSpendOfTheRecordsThatReportIt() {
		// 300.00 spent in all, 100.00 of it by the records that report 250.00 of revenue
		TotalKpis total = TotalKpis.of(5000, 400, 20, new BigDecimal("300.00"), new BigDecimal("250.00"),
				new BigDecimal("100.00"));

		assertThat(total.roas()).isEqualTo(new BigDecimal("2.500000"));
		assertThat(total.roi()).isEqualTo(new BigDecimal("1.500000"));
		assertThat(total.roiScore()).isEqualTo(new BigDecimal("0.066667")); // all the
																			// spend
	}

	@Test
	void zeroDenominatorsAreNullNeverZero() {
		TotalKpis total = TotalKpis.of(0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

		assertThat(total)
			.extracting(TotalKpis::costPerClick, TotalKpis::costPerMille, TotalKpis::ctr, TotalKpis::conversionRate,
					TotalKpis::costPerConversion, TotalKpis::roiScore, TotalKpis::engagementToSpendRatio,
					TotalKpis::qualityScore, TotalKpis::roas, TotalKpis::roi)
			.containsOnlyNulls();
	}

}
