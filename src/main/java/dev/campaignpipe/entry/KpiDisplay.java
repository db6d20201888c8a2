package dev.campaignpipe.entry;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.campaignpipe.campaign.Kpis;
import dev.campaignpipe.campaign.StoredCampaign;

/**
 * KPIs formatted for people: money to 2 decimals, rates as percentages, "—" where
 * undefined.
 */
final class KpiDisplay {

	static final String UNDEFINED = "—";

	/** One line of the confirmation page. */
	record Line(String column, String label, String value) {
	}

	private KpiDisplay() {
	}

	static List<Line> lines(StoredCampaign stored) {
		Kpis k = stored.kpis();
		List<Line> lines = new ArrayList<>();
		lines.add(new Line("cost_per_click", "Cost per click", money(k.costPerClick())));
		lines.add(new Line("cost_per_mille", "Cost per 1,000 impressions", money(k.costPerMille())));
		lines.add(new Line("ctr", "Click-through rate", percent(k.ctr())));
		lines.add(new Line("conversion_rate", "Conversion rate", percent(k.conversionRate())));
		lines.add(new Line("cpc_effectiveness_score", "CPC effectiveness score", number(k.cpcEffectivenessScore(), 4)));
		lines.add(new Line("roi_score", "Conversions per unit of spend", number(k.roiScore(), 4)));
		lines
			.add(new Line("click_to_conversion_ratio", "Clicks per conversion", number(k.clickToConversionRatio(), 2)));
		lines.add(new Line("quality_score", "Quality score", number(k.qualityScore(), 2)));
		lines.add(new Line("engagement_to_spend_ratio", "Clicks per unit of spend",
				number(k.engagementToSpendRatio(), 4)));
		lines.add(new Line("cost_efficiency_index", "Cost per conversion", money(k.costEfficiencyIndex())));
		if (stored.campaign().revenue() != null) {
			lines.add(new Line("roas", "Return on ad spend", number(k.roas(), 2) + (k.roas() == null ? "" : "×")));
			lines.add(new Line("roi", "Return on investment", percent(k.roi())));
		}
		lines.add(new Line("week_number", "ISO week", "W" + k.weekNumber() + " " + k.isoYear()));
		lines.add(new Line("month", "Month / quarter", k.month() + " / Q" + k.quarter() + " " + k.year()));
		return lines;
	}

	static String money(BigDecimal value) {
		return format(value, "#,##0.00");
	}

	static String percent(BigDecimal value) {
		return value == null ? UNDEFINED : format(value.movePointRight(2), "#,##0.00") + " %";
	}

	static String number(BigDecimal value, int decimals) {
		return format(value, "#,##0." + "0".repeat(decimals));
	}

	static String count(long value) {
		return format(BigDecimal.valueOf(value), "#,##0");
	}

	private static String format(BigDecimal value, String pattern) {
		if (value == null) {
			return UNDEFINED;
		}
		DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(value);
	}

}
