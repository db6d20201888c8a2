package dev.campaignpipe.campaign;

/**
 * The fields a person or a file supplies for one campaign record (SPEC §3), under their
 * stable snake_case names: form parameters, JSON properties and CSV columns all use
 * {@link #key()}.
 */
public enum CampaignField {

	CAMPAIGN_COMPANY, CAMPAIGN_NAME, CAMPAIGN_TYPE, MARKETING_CHANNEL, AD_FORMAT, DATE, IMPRESSIONS, CLICKS,
	CONVERSIONS, AD_SPEND, DEVICE_TYPE, COUNTRY, AUDIENCE_SEGMENT, REVENUE;

	private final String key;

	CampaignField() {
		this.key = name().toLowerCase(java.util.Locale.ROOT);
	}

	/** The stable external name: form field, JSON property, CSV column. */
	public String key() {
		return key;
	}

	public static java.util.Optional<CampaignField> byKey(String key) {
		for (CampaignField field : values()) {
			if (field.key().equals(key)) {
				return java.util.Optional.of(field);
			}
		}
		return java.util.Optional.empty();
	}

}
