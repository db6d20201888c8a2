package dev.campaignpipe.analytics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.campaignpipe.campaign.Money;
import dev.campaignpipe.campaign.TotalKpis;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The sums of a set of records and their KPIs, each a ratio of the sums (SPEC §12): the
 * {@code {…}} of every analytics answer.
 *
 * @param revenue the sum over the records that have revenue; {@code null} when none has
 * (roas and roi compare it with those records' spend)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Totals(long records, long impressions, long clicks, long conversions, BigDecimal adSpend, BigDecimal revenue,
		BigDecimal costPerClick, BigDecimal costPerMille, BigDecimal ctr, BigDecimal conversionRate,
		BigDecimal costPerConversion, BigDecimal roiScore, BigDecimal engagementToSpendRatio, BigDecimal qualityScore,
		BigDecimal roas, BigDecimal roi) {

	/**
	 * The aggregate columns every query selects, in the order {@link #read} reads them.
	 */
	static final String SELECT = "count(*), coalesce(sum(impressions), 0)::BIGINT, coalesce(sum(clicks), 0)::BIGINT, "
			+ "coalesce(sum(conversions), 0)::BIGINT, coalesce(sum(ad_spend), 0), sum(revenue), "
			+ "sum(ad_spend) FILTER (WHERE revenue IS NOT NULL)";

	/** The totals of no records. */
	static final Totals NONE = of(0, 0, 0, 0, BigDecimal.ZERO, null, null);

	static Totals of(long records, long impressions, long clicks, long conversions, BigDecimal adSpend,
			BigDecimal revenue, BigDecimal adSpendWithRevenue) {
		// DECIMAL(38,6) sums, read as entered
		BigDecimal spend = Money.asEntered(adSpend);
		BigDecimal earned = Money.asEntered(revenue);
		TotalKpis k = TotalKpis.of(impressions, clicks, conversions, spend, earned,
				Money.asEntered(adSpendWithRevenue));
		return new Totals(records, impressions, clicks, conversions, spend, earned, k.costPerClick(), k.costPerMille(),
				k.ctr(), k.conversionRate(), k.costPerConversion(), k.roiScore(), k.engagementToSpendRatio(),
				k.qualityScore(), k.roas(), k.roi());
	}

	/** Reads {@link #SELECT}'s columns starting at {@code first}. */
	static Totals read(ResultSet rs, int first) throws SQLException {
		return of(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
				rs.getBigDecimal(first + 4), rs.getBigDecimal(first + 5), rs.getBigDecimal(first + 6));
	}

}
