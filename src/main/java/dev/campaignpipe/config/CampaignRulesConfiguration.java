package dev.campaignpipe.config;

import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.csvfile.LineConverter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The campaign rules built from the settings: the one place the rules, the CSV reading
 * and the settings meet.
 */
@Configuration(proxyBeanMethods = false)
class CampaignRulesConfiguration {

	@Bean
	Categories categories(PipelineProperties properties) {
		return new Categories(properties.categories());
	}

	/**
	 * The one converter from a campaigns.csv line to a record that every reader of the
	 * file (sync, import, export) shares, so all read a line the same way.
	 */
	@Bean
	LineConverter lineConverter(CampaignValidator validator, PipelineProperties properties) {
		return new LineConverter(validator, properties.sync().ambiguousDates().csvDates());
	}

}
