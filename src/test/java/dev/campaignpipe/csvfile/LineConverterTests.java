package dev.campaignpipe.csvfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** One CSV line into a row for the database or a quarantine entry with its reason. */
class LineConverterTests {

	@TempDir
	Path dir;

	private LineConverter converter() {
		Categories categories = new Categories(TestProperties.load(dir).categories());
		return new LineConverter(new CampaignValidator(categories, Clock.systemUTC()), DateInput.ISO_OR_DAY_FIRST);
	}

	private final RowReader reader = RowReader.fromHeaderFields(CampaignColumns.ALL);

	private static String line(long id) {
		return new String(CsvFormat.lines(List.of(StoredCampaign.of(id, TestCampaigns.workedExample()))),
				StandardCharsets.UTF_8)
			.stripTrailing();
	}

	@Test
	void aLineTheWriterWroteBecomesItsRecord() {
		LineConverter.Result result = converter().convert(reader, new CsvLine(100, 2, line(7)));
		assertThat(result.quarantined()).isNull();
		assertThat(result.row().stored().id()).isEqualTo(7);
		assertThat(result.row().stored().campaign()).isEqualTo(TestCampaigns.workedExample());
	}

	/**
	 * Not guessed at (FastCSV 4.4 dropped the lenient mode): the analyst sees why and
	 * corrects it.
	 */
	@Test
	void aStrayCharacterAfterAClosingQuoteIsQuarantinedWithTheParsersReason() {
		String broken = line(8).replaceFirst(",Amazon,", ",\"Amazon\"x,");
		LineConverter.Result result = converter().convert(reader, new CsvLine(200, 3, broken));
		assertThat(result.row()).isNull();
		assertThat(result.quarantined().reason()).startsWith("not a valid CSV line: ")
			.contains("Unexpected character after closing quote");
		assertThat(result.quarantined().line().lineNumber()).isEqualTo(3);
	}

	@Test
	void aBlankLineIsNeitherARecordNorAQuarantineEntry() {
		assertThat(converter().convert(reader, new CsvLine(0, 4, ",,,"))).isNull();
	}

}
