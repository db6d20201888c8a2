package dev.campaignpipe.campaign;

/**
 * The fields a person or a file supplies for one campaign record (SPEC §3), under their stable
 * snake_case names: form parameters, JSON properties and CSV columns all use {@link #key()}.
 */
public enum CampaignField {

	CAMPAIGN_COMPANY("Campaign company"),
	CAMPAIGN_NAME("Campaign name"),
	CAMPAIGN_TYPE("Campaign type"),
	MARKETING_CHANNEL("Marketing channel"),
	AD_FORMAT("Ad format"),
	DATE("Date"),
	IMPRESSIONS("Impressions"),
	CLICKS("Clicks"),
	CONVERSIONS("Conversions"),
	AD_SPEND("Ad spend"),
	DEVICE_TYPE("Device type"),
	COUNTRY("Country"),
	AUDIENCE_SEGMENT("Audience segment"),
	REVENUE("Revenue");

	private final String label;

	private final String key;

	CampaignField(String label) {
		this.label = label;
		this.key = name().toLowerCase(java.util.Locale.ROOT);
	}

	/** The stable external name: form field, JSON property, CSV column. */
	public String key() {
		return key;
	}

	/** The name a person reads beside the input. */
	public String label() {
		return label;
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
