package dev.campaignpipe.dashboard;

import java.util.List;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.status.ShowsBanners;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page (SPEC §12). The page itself is static markup: the settings its
 * gauges measure against and the configured category values its filters offer. All data
 * comes from the analytics JSON API, which the page's script reads and re-reads as
 * records arrive.
 */
@Controller
@ShowsBanners
class DashboardController {

	/** The closed categories that get a filter of their own, in the order shown. */
	static final List<CampaignField> CATEGORY_FILTERS = List.of(CampaignField.CAMPAIGN_TYPE, CampaignField.AD_FORMAT,
			CampaignField.DEVICE_TYPE, CampaignField.COUNTRY, CampaignField.AUDIENCE_SEGMENT);

	private final PipelineProperties.Dashboard settings;

	private final Categories categories;

	DashboardController(PipelineProperties properties, Categories categories) {
		this.settings = properties.dashboard();
		this.categories = categories;
	}

	@GetMapping("/dashboard")
	String page(Model model) {
		model.addAttribute("enabled", settings.enabled());
		model.addAttribute("impressionsTarget", settings.targets().impressions());
		// plain digits: the script reads it with Number(), which knows no exponent-free
		// scale
		model.addAttribute("engagementTarget", settings.targets().engagementToSpend().toPlainString());
		model.addAttribute("channels",
				categories.values(CampaignField.MARKETING_CHANNEL)
					.stream()
					.map(channel -> new Channel(channel, ChannelIcons.of(channel)))
					.toList());
		model.addAttribute("categoryFilters",
				CATEGORY_FILTERS.stream()
					.map(field -> new CategoryFilter(field.key(), label(field), categories.values(field)))
					.toList());
		return "dashboard";
	}

	/** "campaign_type" → "Campaign type". */
	static String label(CampaignField field) {
		String words = field.key().replace('_', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	/** One button of the channel slicer. */
	record Channel(String name, String icon) {
	}

	/** One multi-select filter of a closed category. */
	record CategoryFilter(String key, String label, List<String> values) {
	}

}
