package dev.campaignpipe.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A saved record in the CSV, the database mirror and the Power BI export, exactly once
 * each: what every path into the pipeline promises.
 */
public final class LandsOnce {

	private LandsOnce() {
	}

	/**
	 * @param dataDir the product's data folder (its CSV, its default export folder)
	 * @param company the record's company, as the mirror must hold it
	 */
	public static void assertLandsOnce(Path dataDir, JdbcTemplate mirror, long id, String company) throws Exception {
		List<Long> csvIds = CsvAssertions.ids(CsvAssertions.readValidCsv(dataDir.resolve("campaigns.csv")));
		assertThat(csvIds.stream().filter(i -> i == id)).as("lines of campaign %d in the CSV", id).hasSize(1);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(mirror.queryForList(
					"SELECT campaign_company FROM digital_marketing_ad_performance_data WHERE campaign_id = ?",
					String.class, id))
				.containsExactly(company));
		Path export = dataDir.resolve("powerbi").resolve("powerbi_digital_marketing_data.csv");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Matcher lines = Pattern.compile("(?m)^" + id + ",").matcher(Files.readString(export));
			int found = 0;
			while (lines.find()) {
				found++;
			}
			assertThat(found).as("lines of campaign %d in the export", id).isEqualTo(1);
		});
	}

}
