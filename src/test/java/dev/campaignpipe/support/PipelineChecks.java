package dev.campaignpipe.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a fault test checks of the product once the fault is over: caught up, and exactly
 * once everywhere.
 */
public final class PipelineChecks {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration CATCH_UP = Duration.ofSeconds(90);

	private PipelineChecks() {
	}

	public static JsonNode status(ChildApp app) throws Exception {
		return JSON.readTree(app.get("/api/pipeline/status"));
	}

	/** Writer, sync and export all done and healthy again, without a restart. */
	public static void awaitCaughtUp(ChildApp app, Path data) {
		await("writer, sync and export caught up").atMost(CATCH_UP).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode s = status(app);
			long rows = CsvAssertions.readValidCsv(data.resolve("campaigns.csv")).size();
			return s.at("/csv/refusing_since").isNull() && s.get("spool_size").asInt() == 0
					&& s.at("/sync/last_error").isNull() && s.at("/sync/records_behind").asLong() == 0
					&& s.at("/powerbi/last_error").isNull() && s.at("/powerbi/last_export_records").asLong() == rows;
		});
	}

	/** The CSV holds each acknowledged record once, nothing refused, whole lines only. */
	public static void assertExactlyOnce(Path data, Set<Long> acknowledged, int unanswered) throws Exception {
		List<Long> ids = CsvAssertions.ids(CsvAssertions.readValidCsv(data.resolve("campaigns.csv")));
		assertThat(ids).doesNotHaveDuplicates().isSorted();
		assertThat(new HashSet<>(ids)).containsAll(acknowledged);
		// a request that got no answer may or may not have been saved; every other row
		// was acknowledged
		assertThat(ids.size()).isBetween(acknowledged.size(), acknowledged.size() + unanswered);
	}

	/**
	 * The stopped product's embedded database ({@code database} without .mv.db) holds
	 * exactly the CSV's records.
	 */
	public static void assertInDatabaseExactlyAsInCsv(Path data, Path database) throws Exception {
		List<Long> csvIds = CsvAssertions.ids(CsvAssertions.readValidCsv(data.resolve("campaigns.csv")));
		Database db = new Database("jdbc:h2:file:" + database + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "sa", "");
		List<Long> dbIds = db
			.query("SELECT campaign_id FROM digital_marketing_ad_performance_data ORDER BY campaign_id")
			.stream()
			.map(row -> ((Number) row.get(0)).longValue())
			.toList();
		assertThat(dbIds).isEqualTo(csvIds);
	}

}
