package dev.campaignpipe.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * Computes {@link Kpis} from the exact inputs. Every metric is written as one fraction of
 * exact products and divided once, so composite metrics (cpc_effectiveness_score,
 * quality_score) use unrounded operands as the spec requires, and the largest inputs
 * (10^12 impressions, 10^10 spend) never overflow: BigDecimal has no upper bound and no
 * binary rounding.
 */
final class KpiCalculator {

	private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	private static final BigDecimal TEN = BigDecimal.TEN;

	private KpiCalculator() {
	}

	static Kpis compute(Campaign c) {
		BigDecimal impressions = BigDecimal.valueOf(c.impressions());
		BigDecimal clicks = BigDecimal.valueOf(c.clicks());
		BigDecimal conversions = BigDecimal.valueOf(c.conversions());
		BigDecimal spend = c.adSpend();
		LocalDate date = c.date();

		// ctr / cpc = (clicks / impressions) / (spend / clicks) = clicks² / (impressions
		// × spend)
		BigDecimal cpcEffectiveness = divide(clicks.multiply(clicks), impressions.multiply(spend), 6);
		if (clicks.signum() == 0) {
			cpcEffectiveness = null; // cost_per_click itself is undefined, so its ratio
										// is too
		}
		// (clicks / impressions + conversions / clicks) × 10 = (clicks² + conversions ×
		// impressions) × 10 / (impressions × clicks)
		BigDecimal quality = divide(clicks.multiply(clicks).add(conversions.multiply(impressions)).multiply(TEN),
				impressions.multiply(clicks), 4);

		BigDecimal revenue = c.revenue();
		return new Kpis(divide(spend, clicks, 4), divide(spend.multiply(THOUSAND), impressions, 4),
				divide(clicks, impressions, 6), divide(conversions, clicks, 6), cpcEffectiveness,
				divide(conversions, spend, 6), divide(clicks, conversions, 6), quality, divide(clicks, spend, 6),
				divide(spend, conversions, 4), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), date.getMonthValue(),
				revenue == null ? null : divide(revenue, spend, 6),
				revenue == null ? null : divide(revenue.subtract(spend), spend, 6), date.getYear(),
				date.get(IsoFields.QUARTER_OF_YEAR), date.get(IsoFields.WEEK_BASED_YEAR));
	}

	/**
	 * numerator / denominator rounded HALF_UP to {@code scale}; {@code null} for a zero
	 * denominator.
	 */
	static BigDecimal divide(BigDecimal numerator, BigDecimal denominator, int scale) {
		if (denominator.signum() == 0) {
			return null;
		}
		return numerator.divide(denominator, scale, RoundingMode.HALF_UP);
	}

}
