package dev.campaignpipe.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Campaigns for tests, starting from the worked example of SPEC §4. */
public final class TestCampaigns {

	private TestCampaigns() {
	}

	public static Campaign workedExample() {
		return campaign(43432, 2890, 1794, "752.33", null);
	}

	public static Campaign campaign(long impressions, long clicks, long conversions, String spend, String revenue) {
		return new Campaign("Amazon", "App Install Drive", "Leads", "Google", "Text", LocalDate.of(2024, 10, 15),
				impressions, clicks, conversions, new BigDecimal(spend), "Mobile", "Australia", "High Intent",
				revenue == null ? null : new BigDecimal(revenue), "");
	}

	public static Campaign withCompany(String company) {
		Campaign c = workedExample();
		return new Campaign(company, c.name(), c.type(), c.channel(), c.adFormat(), c.date(), c.impressions(),
				c.clicks(), c.conversions(), c.adSpend(), c.deviceType(), c.country(), c.audienceSegment(), c.revenue(),
				"");
	}

	public static Campaign withDate(LocalDate date) {
		Campaign c = workedExample();
		return new Campaign(c.company(), c.name(), c.type(), c.channel(), c.adFormat(), date, c.impressions(),
				c.clicks(), c.conversions(), c.adSpend(), c.deviceType(), c.country(), c.audienceSegment(), c.revenue(),
				"");
	}

}
