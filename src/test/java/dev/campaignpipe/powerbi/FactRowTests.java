package dev.campaignpipe.powerbi;

import java.nio.file.Path;

import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactRowTests {

	private final DimensionKeys keys = new DimensionKeys(
			new Categories(TestProperties.load(Path.of("unused")).categories()));

	@Test
	void theWorkedExampleIsItsIdDateKeyDimensionKeysAndTheSpecValues() {
		// application.yml's closed sets: Google is the 2nd channel, Text the 4th ad
		// format, Mobile the 2nd device, Australia the 1st country, High Intent the 2nd
		// segment; Amazon and its campaign are the first free-text values seen
		assertThat(FactRow.of(StoredCampaign.of(1, TestCampaigns.workedExample()), keys)).containsExactly("1",
				"20241015", "1", "1", "2", "4", "2", "1", "2", "Leads", "43432", "2890", "1794", "752.33", "", "0.2603",
				"17.3220", "0.066541", "0.620761", "0.255610", "2.384592", "1.610925", "6.8730", "3.841399", "0.4194",
				"", "", "");
	}

	@Test
	void aNewFreeTextValueGetsTheNextKeyAndTheRowMatchesTheColumns() {
		FactRow.of(StoredCampaign.of(1, TestCampaigns.workedExample()), keys);

		var row = FactRow.of(StoredCampaign.of(2, TestCampaigns.withCompany("Nike")), keys);

		assertThat(row).hasSameSizeAs(FactRow.COLUMNS);
		assertThat(row.get(FactRow.COLUMNS.indexOf("campaign_id"))).isEqualTo("2");
		assertThat(row.get(FactRow.COLUMNS.indexOf("company_key"))).isEqualTo("2");
		assertThat(row.get(FactRow.COLUMNS.indexOf("campaign_key"))).isEqualTo("1");
	}

}
