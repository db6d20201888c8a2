package dev.campaignpipe.powerbi;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignField;

/**
 * The star schema's dimensions: file, key column, value column, and which field of a
 * record each holds. The order is the order of the key columns in the fact file.
 */
enum StarDimension {

	COMPANY("dim_company.csv", "company_key", "campaign_company", null),
	CAMPAIGN("dim_campaign.csv", "campaign_key", "campaign_name", null),
	CHANNEL("dim_channel.csv", "channel_key", "marketing_channel", CampaignField.MARKETING_CHANNEL),
	AD_FORMAT("dim_ad_format.csv", "ad_format_key", "ad_format", CampaignField.AD_FORMAT),
	DEVICE("dim_device.csv", "device_key", "device_type", CampaignField.DEVICE_TYPE),
	COUNTRY("dim_country.csv", "country_key", "country", CampaignField.COUNTRY),
	SEGMENT("dim_audience_segment.csv", "audience_segment_key", "audience_segment", CampaignField.AUDIENCE_SEGMENT);

	final String file;

	final String keyColumn;

	final String valueColumn;

	/**
	 * The configured closed set whose values this dimension holds; {@code null} for free
	 * text.
	 */
	final CampaignField closedSet;

	StarDimension(String file, String keyColumn, String valueColumn, CampaignField closedSet) {
		this.file = file;
		this.keyColumn = keyColumn;
		this.valueColumn = valueColumn;
		this.closedSet = closedSet;
	}

	String valueOf(Campaign c) {
		return switch (this) {
			case COMPANY -> c.company();
			case CAMPAIGN -> c.name();
			case CHANNEL -> c.channel();
			case AD_FORMAT -> c.adFormat();
			case DEVICE -> c.deviceType();
			case COUNTRY -> c.country();
			case SEGMENT -> c.audienceSegment();
		};
	}

}
