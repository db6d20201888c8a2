package dev.campaignpipe.dashboard;

import java.nio.file.Path;
import java.util.Map;

import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.status.Banners;
import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Slice test of the dashboard page: the settings and category values it hands to its
 * script, and markup the Content-Security-Policy accepts (no inline script or style).
 * What the script draws is DashboardBrowserIntegrationTests' part.
 */
@WebMvcTest(controllers = DashboardController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(DashboardSliceTests.Settings.class)
class DashboardSliceTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Settings {

		@Bean
		PipelineProperties pipelineProperties() {
			return TestProperties.load(Path.of("unused"), Map.of("pipeline.dashboard.targets.impressions", "2500000",
					"pipeline.dashboard.targets.engagement-to-spend", "4.25"));
		}

		@Bean
		Categories categories(PipelineProperties properties) {
			return new Categories(properties.categories());
		}

	}

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Banners banners;

	private String page() throws Exception {
		return mvc.perform(get("/dashboard")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void thePageCarriesTheGaugeTargetsAndWhetherTheDashboardIsOn() throws Exception {
		String page = page();
		assertThat(page).contains("data-enabled=\"true\"")
			.contains("data-target-impressions=\"2500000\"")
			.contains("data-target-engagement=\"4.25\"")
			.contains("data-api=\"/api/analytics\"")
			.contains("data-records=\"/records\"");
	}

	@Test
	void everyConfiguredChannelIsASlicerButtonWithItsIcon() throws Exception {
		String page = page();
		assertThat(page).contains("data-value=\"Facebook\"", "bi-facebook", "data-value=\"YouTube\"", "bi-youtube",
				"data-value=\"LinkedIn\"", "bi-linkedin", "data-value=\"TikTok\"", "bi-tiktok",
				"data-value=\"Microsoft Advertising\"", "bi-microsoft");
		assertThat(page.split("class=\"channel\"", -1)).as("eight channels (SPEC §3, §14)").hasSize(9);
	}

	@Test
	void eachCategoryHasAFilterWithItsConfiguredValues() throws Exception {
		String page = page();
		assertThat(page).contains("data-dim=\"campaign_type\"", "data-dim=\"ad_format\"", "data-dim=\"device_type\"",
				"data-dim=\"country\"", "data-dim=\"audience_segment\"", "data-dim=\"campaign_company\"",
				"data-dim=\"campaign_name\"");
		assertThat(page).contains("value=\"New Product Launch\"", "value=\"Lookalike Audience\"", "value=\"UK\"");
	}

	@Test
	void theMarkupNeedsNoInlineScriptOrStyle() throws Exception {
		String page = page();
		assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContain("style=")
			.doesNotContain("<style")
			.doesNotContainPattern("\\son[a-z]+=");
		assertThat(page).contains("/webjars/echarts/5.5.0/echarts.min.js", "/vendor/echarts-world/world.js",
				"/js/dashboard.js", "/webjars/bootstrap-icons/1.11.3/font/bootstrap-icons.min.css");
	}

	@Test
	void channelIconsKnowTheDefaultChannelsAndFallBackForOthers() {
		assertThat(ChannelIcons.of("YouTube")).isEqualTo("bi-youtube");
		assertThat(ChannelIcons.of("Linked In")).isEqualTo("bi-linkedin");
		assertThat(ChannelIcons.of("Radio")).isEqualTo(ChannelIcons.GENERIC);
	}

	@Test
	void labelsAreTheFieldNamesInWords() {
		assertThat(DashboardController.label(dev.campaignpipe.campaign.CampaignField.AUDIENCE_SEGMENT))
			.isEqualTo("Audience segment");
	}

}
