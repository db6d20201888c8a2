package dev.campaignpipe.config;

import dev.campaignpipe.campaign.Categories;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The campaign rules built from the settings: the one place the two packages meet. */
@Configuration(proxyBeanMethods = false)
class CampaignRulesConfiguration {

	@Bean
	Categories categories(PipelineProperties properties) {
		return new Categories(properties.categories());
	}

}
