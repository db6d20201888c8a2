package dev.campaignpipe.campaign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column layout shared by the CSV, the database table, the Power BI export and the
 * JSON API (SPEC §4–§5): the original tool's 26 columns in their order and under their
 * names, so tools built on them keep working, then the columns this product adds.
 */
public final class CampaignColumns {

	/** The original tool's columns, in order. */
	public static final List<String> ORIGINAL = List.of("campaign_id", "campaign_company", "campaign_name",
			"campaign_type", "marketing_channel", "ad_format", "date", "impressions", "clicks", "conversions",
			"ad_spend", "device_type", "country", "audience_segment", "cost_per_click", "cost_per_mille", "ctr",
			"conversion_rate", "cpc_effectiveness_score", "roi_score", "click_to_conversion_ratio", "quality_score",
			"engagement_to_spend_ratio", "cost_efficiency_index", "week_number", "month");

	/**
	 * Columns added beyond the original, appended so the original positions never move.
	 */
	public static final List<String> ADDED = List.of("revenue", "roas", "roi", "year", "quarter", "iso_year",
			"data_quality");

	/** Every column, in file order. */
	public static final List<String> ALL;

	static {
		List<String> all = new ArrayList<>(ORIGINAL);
		all.addAll(ADDED);
		ALL = Collections.unmodifiableList(all);
	}

	private CampaignColumns() {
	}

	/**
	 * The values of one record under their column names, in file order. Numbers stay
	 * typed (Long, Integer, BigDecimal, LocalDate); an undefined KPI or an absent revenue
	 * is {@code null}.
	 */
	public static Map<String, Object> values(StoredCampaign stored) {
		Object[] values = valueArray(stored);
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			map.put(ALL.get(i), values[i]);
		}
		return map;
	}

	/**
	 * The same values as {@link #values(StoredCampaign)}, positionally: for the hot paths
	 * (CSV, SQL).
	 */
	public static Object[] valueArray(StoredCampaign stored) {
		Campaign c = stored.campaign();
		Kpis k = stored.kpis();
		return new Object[] { stored.id(), c.company(), c.name(), c.type(), c.channel(), c.adFormat(), c.date(),
				c.impressions(), c.clicks(), c.conversions(), c.adSpend(), c.deviceType(), c.country(),
				c.audienceSegment(), k.costPerClick(), k.costPerMille(), k.ctr(), k.conversionRate(),
				k.cpcEffectivenessScore(), k.roiScore(), k.clickToConversionRatio(), k.qualityScore(),
				k.engagementToSpendRatio(), k.costEfficiencyIndex(), k.weekNumber(), k.month(), c.revenue(), k.roas(),
				k.roi(), k.year(), k.quarter(), k.isoYear(), c.dataQuality() };
	}

}
