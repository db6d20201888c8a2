package dev.campaignpipe.campaign;

import java.math.BigDecimal;

/**
 * The KPIs of a set of records (SPEC §12): each one a ratio of the set's sums, with the
 * scales of §4 — never a sum or an average of the records' own ratios. {@code null} where
 * the denominator is zero; {@code roas} and {@code roi} also where no record of the set
 * has revenue. Those two compare revenue with the spend of the records that report it: a
 * set where only some records carry revenue would otherwise look unprofitable.
 *
 * @param costPerConversion ad_spend / conversions (the records' cost_efficiency_index)
 */
public record TotalKpis(BigDecimal costPerClick, BigDecimal costPerMille, BigDecimal ctr, BigDecimal conversionRate,
		BigDecimal costPerConversion, BigDecimal roiScore, BigDecimal engagementToSpendRatio, BigDecimal qualityScore,
		BigDecimal roas, BigDecimal roi) {

	private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	/**
	 * @param revenue the sum of the revenue of the records that have one, {@code null}
	 * when none has
	 * @param adSpendWithRevenue the ad spend of those records
	 */
	public static TotalKpis of(long impressions, long clicks, long conversions, BigDecimal adSpend, BigDecimal revenue,
			BigDecimal adSpendWithRevenue) {
		BigDecimal i = BigDecimal.valueOf(impressions);
		BigDecimal c = BigDecimal.valueOf(clicks);
		BigDecimal v = BigDecimal.valueOf(conversions);
		// (Σclicks / Σimpressions + Σconversions / Σclicks) × 10 as one fraction, divided
		// once, like a record's quality_score
		BigDecimal quality = KpiCalculator.divide(c.multiply(c).add(v.multiply(i)).multiply(BigDecimal.TEN),
				i.multiply(c), 4);
		return new TotalKpis(KpiCalculator.divide(adSpend, c, 4),
				KpiCalculator.divide(adSpend.multiply(THOUSAND), i, 4), KpiCalculator.divide(c, i, 6),
				KpiCalculator.divide(v, c, 6), KpiCalculator.divide(adSpend, v, 4), KpiCalculator.divide(v, adSpend, 6),
				KpiCalculator.divide(c, adSpend, 6), quality,
				revenue == null ? null : KpiCalculator.divide(revenue, adSpendWithRevenue, 6), revenue == null ? null
						: KpiCalculator.divide(revenue.subtract(adSpendWithRevenue), adSpendWithRevenue, 6));
	}

}
