package dev.campaignpipe.campaign;

import java.math.BigDecimal;

/**
 * The derived metrics of one campaign (SPEC §4). A metric whose denominator is zero is
 * {@code null}: the CSV shows it empty, SQL as NULL, JSON as null — never 0 or Infinity.
 */
public record Kpis(BigDecimal costPerClick, BigDecimal costPerMille, BigDecimal ctr, BigDecimal conversionRate,
		BigDecimal cpcEffectivenessScore, BigDecimal roiScore, BigDecimal clickToConversionRatio,
		BigDecimal qualityScore, BigDecimal engagementToSpendRatio, BigDecimal costEfficiencyIndex, int weekNumber,
		int month, BigDecimal roas, BigDecimal roi, int year, int quarter, int isoYear) {

	public static Kpis of(Campaign campaign) {
		return KpiCalculator.compute(campaign);
	}

}
