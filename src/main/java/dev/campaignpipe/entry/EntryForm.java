package dev.campaignpipe.entry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.config.PipelineProperties;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The entry form's page (templates/form.html) with what it offers: the configured
 * category values and suggestions. One form for a new record and for the fix of a
 * quarantined line or a rejected import row, so all three check and save alike.
 */
@Component
class EntryForm {

	private final Categories categories;

	private final PipelineProperties properties;

	private final Clock clock;

	EntryForm(Categories categories, PipelineProperties properties, Clock clock) {
		this.categories = categories;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @param values what the fields show, by key
	 * @param errors a message beside each field that breaks a rule
	 * @param notice shown above the form; {@code null} for none
	 * @return the view
	 */
	String show(Model model, Map<String, String> values, Map<String, String> errors, String notice) {
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("notice", notice);
		model.addAttribute("campaignTypes", categories.values(CampaignField.CAMPAIGN_TYPE));
		model.addAttribute("channels", categories.values(CampaignField.MARKETING_CHANNEL));
		model.addAttribute("adFormats", categories.values(CampaignField.AD_FORMAT));
		model.addAttribute("deviceTypes", categories.values(CampaignField.DEVICE_TYPE));
		model.addAttribute("countries", categories.values(CampaignField.COUNTRY));
		model.addAttribute("segments", categories.values(CampaignField.AUDIENCE_SEGMENT));
		model.addAttribute("companies", properties.suggestions().companies());
		model.addAttribute("campaignNames", properties.suggestions().campaignNames());
		model.addAttribute("today", LocalDate.now(clock).toString());
		return "form";
	}

}
