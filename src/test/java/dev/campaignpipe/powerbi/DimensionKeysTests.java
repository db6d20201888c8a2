package dev.campaignpipe.powerbi;

import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.CategorySettings;
import dev.campaignpipe.campaign.CategorySettings.Category;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class DimensionKeysTests {

	private static Category closed(String... values) {
		return new Category(List.of(values), Map.of());
	}

	// closed sets deliberately not in alphabetical order: the configured order decides
	private final DimensionKeys keys = new DimensionKeys(new Categories(new CategorySettings(closed("Leads", "Sales"),
			closed("YouTube", "Google", "Facebook"), closed("Video", "Text"), closed("Mobile", "Desktop"),
			closed("USA", "Australia"), closed("New Users", "High Intent"))));

	@Test
	void closedSetsHaveTheirKeysInConfiguredOrderBeforeAnyRecord() {
		assertThat(keys.assigned(StarDimension.CHANNEL)).containsExactly(entry("YouTube", 1), entry("Google", 2),
				entry("Facebook", 3));
		assertThat(keys.assigned(StarDimension.AD_FORMAT)).containsExactly(entry("Video", 1), entry("Text", 2));
		assertThat(keys.assigned(StarDimension.DEVICE)).containsExactly(entry("Mobile", 1), entry("Desktop", 2));
		assertThat(keys.assigned(StarDimension.COUNTRY)).containsExactly(entry("USA", 1), entry("Australia", 2));
		assertThat(keys.assigned(StarDimension.SEGMENT)).containsExactly(entry("New Users", 1),
				entry("High Intent", 2));
		assertThat(keys.assigned(StarDimension.COMPANY)).isEmpty();
		assertThat(keys.assigned(StarDimension.CAMPAIGN)).isEmpty();
	}

	@Test
	void freeTextValuesAreNumberedByFirstAppearanceAndKeepTheirKey() {
		assertThat(keys.keyOf(StarDimension.COMPANY, "Zeta Co")).isEqualTo(1);
		assertThat(keys.keyOf(StarDimension.COMPANY, "Amazon")).isEqualTo(2);
		assertThat(keys.keyOf(StarDimension.COMPANY, "Zeta Co")).isEqualTo(1);
		assertThat(keys.keyOf(StarDimension.CAMPAIGN, "Amazon")).isEqualTo(1); // per
																				// dimension

		assertThat(keys.assigned(StarDimension.COMPANY)).containsExactly(entry("Zeta Co", 1), entry("Amazon", 2));
		assertThat(keys.assigned(StarDimension.CAMPAIGN)).containsExactly(entry("Amazon", 1));
	}

	@Test
	void aClosedSetValueKeepsItsConfiguredKeyAndAnUnknownOneComesAfterTheSet() {
		assertThat(keys.keyOf(StarDimension.CHANNEL, "Facebook")).isEqualTo(3);
		assertThat(keys.keyOf(StarDimension.CHANNEL, "TikTok")).isEqualTo(4);
		assertThat(keys.keyOf(StarDimension.CHANNEL, "YouTube")).isEqualTo(1);

		assertThat(keys.assigned(StarDimension.CHANNEL)).containsExactly(entry("YouTube", 1), entry("Google", 2),
				entry("Facebook", 3), entry("TikTok", 4));
	}

}
