package dev.campaignpipe.campaign;

import java.util.EnumMap;
import java.util.Map;

/**
 * One campaign as it arrives, before any checking: raw text per field, exactly as typed,
 * posted or read from a file. Keeping raw text lets the form show back what the user
 * entered and lets every entry path share one set of rules.
 */
public record CampaignInput(Map<CampaignField, String> values) {

	public CampaignInput {
		EnumMap<CampaignField, String> copy = new EnumMap<>(CampaignField.class);
		values.forEach((field, value) -> {
			if (value != null) {
				copy.put(field, value);
			}
		});
		values = java.util.Collections.unmodifiableMap(copy);
	}

	/** The raw value, or {@code null} when the field was not supplied. */
	public String get(CampaignField field) {
		return values.get(field);
	}

	public static Builder builder() {
		return new Builder();
	}

	public static final class Builder {

		private final EnumMap<CampaignField, String> values = new EnumMap<>(CampaignField.class);

		public Builder set(CampaignField field, String value) {
			values.put(field, value);
			return this;
		}

		public CampaignInput build() {
			return new CampaignInput(values);
		}

	}

}
