package dev.campaignpipe.powerbi;

import java.util.ArrayList;
import java.util.List;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.Kpis;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvFormat;

/**
 * A record as a row of the fact file: its id, date key and dimension keys, then its
 * measures and KPIs formatted as in campaigns.csv.
 */
final class FactRow {

	static final List<String> COLUMNS = List.of("campaign_id", "date_key", "company_key", "campaign_key", "channel_key",
			"ad_format_key", "device_key", "country_key", "audience_segment_key", "campaign_type", "impressions",
			"clicks", "conversions", "ad_spend", "revenue", "cost_per_click", "cost_per_mille", "ctr",
			"conversion_rate", "cpc_effectiveness_score", "roi_score", "click_to_conversion_ratio", "quality_score",
			"engagement_to_spend_ratio", "cost_efficiency_index", "roas", "roi", "data_quality");

	private FactRow() {
	}

	/** The row of {@code record}; a dimension value not seen before gets its key here. */
	static List<String> of(StoredCampaign record, DimensionKeys keys) {
		Campaign c = record.campaign();
		Kpis k = record.kpis();
		List<String> row = new ArrayList<>(COLUMNS.size());
		row.add(Long.toString(record.id()));
		row.add(DateTable.key(c.date()));
		for (StarDimension d : StarDimension.values()) {
			row.add(Integer.toString(keys.keyOf(d, d.valueOf(c))));
		}
		for (Object value : new Object[] { c.type(), c.impressions(), c.clicks(), c.conversions(), c.adSpend(),
				c.revenue(), k.costPerClick(), k.costPerMille(), k.ctr(), k.conversionRate(), k.cpcEffectivenessScore(),
				k.roiScore(), k.clickToConversionRatio(), k.qualityScore(), k.engagementToSpendRatio(),
				k.costEfficiencyIndex(), k.roas(), k.roi(), c.dataQuality() }) {
			row.add(CsvFormat.format(value));
		}
		return row;
	}

}
