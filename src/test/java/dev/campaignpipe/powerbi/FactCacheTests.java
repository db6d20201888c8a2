package dev.campaignpipe.powerbi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class FactCacheTests {

	@TempDir
	Path dir;

	private FactCache cache() {
		PipelineProperties properties = TestProperties.load(dir);
		Categories categories = new Categories(properties.categories());
		return new FactCache(dir.resolve("campaigns.csv"), dir.resolve("state").resolve("powerbi-fact.cache"),
				new LineConverter(new CampaignValidator(categories, Clock.systemUTC()),
						properties.sync().ambiguousDates().csvDates()),
				categories);
	}

	private void append(StoredCampaign... records) throws Exception {
		Path csv = dir.resolve("campaigns.csv");
		if (!Files.exists(csv)) {
			Files.write(csv, CsvFormat.header());
		}
		Files.write(csv, CsvFormat.lines(List.of(records)), StandardOpenOption.APPEND);
	}

	private String cached(FactCache facts) throws Exception {
		Path copy = dir.resolve("copy.csv");
		AtomicFile.replace(copy, facts::copyTo);
		return Files.readString(copy, StandardCharsets.UTF_8);
	}

	@Test
	void rowsAddedToTheCsvAreAppendedWithTheirKeysAndWidenTheDates() throws Exception {
		FactCache facts = cache();
		append(StoredCampaign.of(1, TestCampaigns.workedExample()));
		facts.update();
		assertThat(facts.records()).isEqualTo(1);
		assertThat(facts.dates()).contains(DateRange.of(LocalDate.of(2024, 10, 15)));

		append(StoredCampaign.of(2, TestCampaigns.withCompany("Nike")),
				StoredCampaign.of(3, TestCampaigns.withDate(LocalDate.of(2024, 3, 1))));
		facts.update();

		assertThat(facts.records()).isEqualTo(3);
		assertThat(facts.dates()).contains(new DateRange(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 10, 15)));
		assertThat(facts.keys().assigned(StarDimension.COMPANY)).containsExactly(entry("Amazon", 1), entry("Nike", 2));
		assertThat(cached(facts).split("\r\n")).extracting(line -> line.substring(0, line.indexOf(",Leads,")))
			.containsExactly("1,20241015,1,1,2,4,2,1,2", "2,20241015,2,1,2,4,2,1,2", "3,20240301,1,1,2,4,2,1,2");
	}

	@Test
	void aRecordWhoseIdIsAlreadyCachedIsNotASecondRow() throws Exception {
		FactCache facts = cache();
		append(StoredCampaign.of(1, TestCampaigns.workedExample()), StoredCampaign.of(1, TestCampaigns.workedExample()),
				StoredCampaign.of(2, TestCampaigns.workedExample()));

		facts.update();

		assertThat(facts.records()).isEqualTo(2);
		assertThat(cached(facts).split("\r\n")).extracting(line -> line.substring(0, line.indexOf(',')))
			.containsExactly("1", "2");
	}

	@Test
	void aCsvWithoutRecordsGivesNoRowsAndNoDates() throws Exception {
		Files.write(dir.resolve("campaigns.csv"), CsvFormat.header());
		FactCache facts = cache();

		facts.update();

		assertThat(facts.records()).isZero();
		assertThat(facts.dates()).isEmpty();
		assertThat(cached(facts)).isEmpty();
	}

}
