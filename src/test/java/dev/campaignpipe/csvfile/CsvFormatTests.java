package dev.campaignpipe.csvfile;

import java.nio.charset.StandardCharsets;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFormatTests {

	@Test
	void headerHasBomThenTheOriginal26ColumnsInOrderThenTheAddedOnes() {
		String header = new String(CsvFormat.header(), StandardCharsets.UTF_8);
		assertThat(header).startsWith("\uFEFFcampaign_id,campaign_company,campaign_name,campaign_type,")
			.endsWith(",week_number,month,revenue,roas,roi,year,quarter,iso_year,data_quality\r\n");
		assertThat(header.substring(1).strip().split(",")).hasSize(33)
			.startsWith(CampaignColumns.ORIGINAL.toArray(String[]::new));
	}

	@Test
	void rowUsesPlainDecimalsIsoDatesEmptyUndefinedKpisAndCrlf() {
		String line = new String(
				CsvFormat.lines(List.of(StoredCampaign.of(7, TestCampaigns.campaign(100, 0, 0, "0", null)))),
				StandardCharsets.UTF_8);
		assertThat(line).isEqualTo("7,Amazon,App Install Drive,Leads,Google,Text,2024-10-15,100,0,0,0,Mobile,Australia,"
				+ "High Intent,,0.0000,0.000000,,,,,,,,42,10,,,,2024,4,2024,\r\n");
	}

	@Test
	void workedExampleRowCarriesTheSpecValues() {
		String line = new String(CsvFormat.lines(List.of(StoredCampaign.of(1, TestCampaigns.workedExample()))),
				StandardCharsets.UTF_8);
		assertThat(line).contains(",752.33,Mobile,Australia,High Intent,0.2603,17.3220,0.066541,0.620761,0.255610,"
				+ "2.384592,1.610925,6.8730,3.841399,0.4194,42,10,");
	}

	@ParameterizedTest
	@ValueSource(strings = { "=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tTab" })
	void formulaLikeTextIsNeutralizedAndReadsBack(String company) {
		String line = new String(CsvFormat.lines(List.of(StoredCampaign.of(1, TestCampaigns.withCompany(company)))),
				StandardCharsets.UTF_8);
		CsvRecord record = CsvReader.builder().ofSingleCsvRecord(line.strip());
		assertThat(record.getField(1)).isEqualTo("'" + company);
		assertThat(CsvFormat.unguard(record.getField(1))).isEqualTo(company);
	}

	@Test
	void quotesCommasAndQuotesAndKeepsNonAsciiLetters() {
		String company = "Café \"Zoë\", Müller & Søn — 東京";
		byte[] bytes = CsvFormat.lines(List.of(StoredCampaign.of(1, TestCampaigns.withCompany(company))));
		String line = new String(bytes, StandardCharsets.UTF_8);
		assertThat(line).startsWith("1,\"Café \"\"Zoë\"\", Müller & Søn — 東京\",");
		assertThat(CsvReader.builder().ofSingleCsvRecord(line.strip()).getField(1)).isEqualTo(company);
	}

	@Test
	void textThatMerelyContainsAnOperatorIsLeftAlone() {
		assertThat(CsvFormat.guard("H&M - Summer")).isEqualTo("H&M - Summer");
		assertThat(CsvFormat.unguard("'quoted'")).isEqualTo("'quoted'");
	}

}
