package dev.campaignpipe.entry;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;

import org.springframework.util.MultiValueMap;

/**
 * What the entry form posted: the record's fields to check, and the same values to show
 * again beside their messages when a rule is broken.
 */
record FormInput(CampaignInput input, Map<String, String> values) {

	static FormInput of(MultiValueMap<String, String> params) {
		CampaignInput.Builder input = CampaignInput.builder();
		Map<String, String> values = new LinkedHashMap<>();
		for (CampaignField field : CampaignField.values()) {
			String value = params.getFirst(field.key());
			input.set(field, value);
			values.put(field.key(), value == null ? "" : value);
		}
		return new FormInput(input.build(), values);
	}

}
