package dev.campaignpipe.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.campaign.CampaignColumns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads campaigns.csv strictly, as a spreadsheet or a script would, and checks its
 * invariants.
 */
public final class CsvAssertions {

	private CsvAssertions() {
	}

	/**
	 * Parses the whole file, asserting BOM, header, CRLF endings, whole lines only and
	 * the column count of every row, and returns the data rows.
	 */
	public static List<CsvRecord> readValidCsv(Path csv) throws IOException {
		byte[] bytes = Files.readAllBytes(csv);
		String text = new String(bytes, StandardCharsets.UTF_8);
		assertThat(text).as("BOM").startsWith("\uFEFF");
		assertThat(text).as("ends on a whole CRLF line").endsWith("\r\n");
		assertThat(text.replace("\r\n", "")).as("every line break is CRLF").doesNotContain("\n");
		List<CsvRecord> rows = new ArrayList<>();
		try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text.substring(1))) {
			boolean header = true;
			for (CsvRecord record : reader) {
				if (header) {
					assertThat(record.getFields()).isEqualTo(CampaignColumns.ALL);
					header = false;
					continue;
				}
				assertThat(record.getFieldCount()).as("fields of line %d", record.getStartingLineNumber())
					.isEqualTo(CampaignColumns.ALL.size());
				rows.add(record);
			}
		}
		return rows;
	}

	public static List<Long> ids(List<CsvRecord> rows) {
		return rows.stream().map(r -> Long.parseLong(r.getField(0))).toList();
	}

}
