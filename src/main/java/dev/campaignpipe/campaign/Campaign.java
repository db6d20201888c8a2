package dev.campaignpipe.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A campaign record that passed validation and normalization (SPEC §3): categories in
 * their canonical spelling, numbers exact. It carries no id; the writer assigns one when
 * it stores it.
 *
 * @param revenue optional conversion value, {@code null} when not given
 * @param dataQuality empty for clean records; the reasons for a record kept despite
 * failing a rule ({@code --on-invalid=keep-flagged} imports)
 */
public record Campaign(String company, String name, String type, String channel, String adFormat, LocalDate date,
		long impressions, long clicks, long conversions, BigDecimal adSpend, String deviceType, String country,
		String audienceSegment, BigDecimal revenue, String dataQuality) {

	public Campaign {
		dataQuality = dataQuality == null ? "" : dataQuality;
	}

	/** The same record carrying a data-quality flag (empty for none). */
	public Campaign withDataQuality(String flag) {
		return new Campaign(company, name, type, channel, adFormat, date, impressions, clicks, conversions, adSpend,
				deviceType, country, audienceSegment, revenue, flag);
	}

}
