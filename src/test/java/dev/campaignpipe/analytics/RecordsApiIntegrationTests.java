package dev.campaignpipe.analytics;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.Money;
import dev.campaignpipe.importer.CampaignImporter;
import dev.campaignpipe.importer.ImportOptions;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.Seed;
import dev.campaignpipe.sync.SyncWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The records explorer's API (SPEC §13) against SQL run directly on the database mirror,
 * with the original tool's sample imported: paging, every column's order both ways,
 * filters with free text, the download, and 400 for bad parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordsApiIntegrationTests extends AppIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TABLE = "digital_marketing_ad_performance_data";

	@Autowired
	CampaignImporter importer;

	@Autowired
	SyncWorker sync;

	@Autowired
	AnalyticsReplica replica;

	@Autowired
	JdbcTemplate mirror;

	private boolean imported;

	@BeforeEach
	void theSampleIsImportedAndQueryable() throws Exception {
		if (!imported) {
			Path copy = Files.createTempDirectory("records-it").resolve("sample.csv");
			Files.copy(Seed.sample(), copy);
			importer.run(copy, new ImportOptions(ImportOptions.OnInvalid.KEEP_FLAGGED, ImportOptions.TakenId.REASSIGN),
					importer.start(copy));
			imported = true;
		}
		// other classes share this context and may have added records: compare with the
		// mirror once the replica holds what it holds
		assertThat(sync.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
		long inMirror = mirror.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
		assertThat(inMirror).isGreaterThanOrEqualTo(247);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(replica.status().state()).isEqualTo(ReplicaStatus.State.READY);
			assertThat(replica.status().records()).isEqualTo(inMirror);
		});
	}

	@Test
	void theFirstPageIsTheNewestFifty() throws Exception {
		JsonNode body = ok("/api/records");

		assertThat(body.get("total").asLong())
			.isEqualTo(mirror.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class));
		assertThat(body.get("page").asInt()).isZero();
		assertThat(body.get("size").asInt()).isEqualTo(50);
		assertThat(ids(body)).isEqualTo(mirrorIds("TRUE", "campaign_id DESC", 50, 0));
	}

	@Test
	void aPageFurtherOnHoldsTheRecordsAtItsOffset() throws Exception {
		JsonNode body = ok("/api/records?sort=ad_spend&dir=asc&page=2&size=7");

		assertThat(body.get("page").asInt()).isEqualTo(2);
		assertThat(ids(body)).isEqualTo(mirrorIds("TRUE", "ad_spend ASC, campaign_id ASC", 7, 14));
	}

	@Test
	void eachRecordCarriesItsColumnsAndKpisAsStored() throws Exception {
		JsonNode row = ok("/api/records?size=1").get("rows").get(0);
		long id = row.get("campaign_id").asLong();
		var stored = mirror.queryForMap("SELECT * FROM " + TABLE + " WHERE campaign_id = ?", id);

		assertThat(names(row)).containsExactlyElementsOf(CampaignColumns.ALL);
		for (String column : CampaignColumns.ALL) {
			Object expected = stored.get(column);
			JsonNode actual = row.get(column);
			if (expected == null) {
				assertThat(actual.isNull()).as(column).isTrue();
			}
			else if (expected instanceof Number number) {
				assertThat(actual.decimalValue()).as(column).isEqualByComparingTo(new BigDecimal(number.toString()));
			}
			else {
				assertThat(actual.asString()).as(column).isEqualTo(expected.toString());
			}
		}
	}

	@Test
	void theLastPagesAreTheOldestAndAPagePastTheEndIsEmpty() throws Exception {
		long total = ok("/api/records?size=1").get("total").asLong();
		long lastPage = (total - 1) / 40;

		// pages past the middle are found from the other end: the same records in the
		// same order
		for (long page : new long[] { lastPage, lastPage - 1, lastPage / 2 + 1 }) {
			JsonNode body = ok("/api/records?sort=country&dir=desc&size=40&page=" + page);
			assertThat(ids(body)).as("page " + page)
				.isEqualTo(mirrorIds("TRUE", "country DESC NULLS LAST, campaign_id DESC", 40, (int) page * 40));
		}
		JsonNode past = ok("/api/records?size=40&page=" + (lastPage + 1));
		assertThat(past.get("total").asLong()).isEqualTo(total);
		assertThat(past.get("rows")).isEmpty();
	}

	static Stream<Arguments> everyColumnBothWays() {
		return CampaignColumns.ALL.stream().flatMap(c -> Stream.of(Arguments.of(c, "asc"), Arguments.of(c, "desc")));
	}

	@ParameterizedTest(name = "sorted by {0} {1}")
	@MethodSource("everyColumnBothWays")
	void everyColumnSortsAsTheDatabaseSortsIt(String column, String dir) throws Exception {
		JsonNode body = ok("/api/records?size=120&sort=" + column + "&dir=" + dir);

		// ties (and equal rounded KPIs) by id in the same direction; an undefined value
		// last
		assertThat(ids(body)).as(column + " " + dir)
			.isEqualTo(mirrorIds("TRUE", column + " " + dir + " NULLS LAST, campaign_id " + dir, 120, 0));
	}

	@Test
	void filtersAndFreeTextCombine() throws Exception {
		String company = mirror.queryForObject(
				"SELECT campaign_company FROM " + TABLE + " GROUP BY campaign_company ORDER BY COUNT(*) DESC LIMIT 1",
				String.class);
		String part = company.substring(1, Math.min(4, company.length())).toUpperCase(java.util.Locale.ROOT);
		String like = "'%" + part.toLowerCase(java.util.Locale.ROOT).replace("'", "''") + "%'";
		String where = "(LOWER(campaign_company) LIKE " + like + " OR LOWER(campaign_name) LIKE " + like
				+ ") AND device_type IN ('Mobile', 'Desktop') AND date >= DATE '2024-03-01'";

		JsonNode body = ok("/api/records?q=" + encode(" " + part + " ")
				+ "&device_type=Mobile&device_type=Desktop&from=2024-03-01&size=500&sort=date");

		long expected = mirror.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE " + where, Long.class);
		assertThat(expected).isPositive();
		assertThat(body.get("total").asLong()).isEqualTo(expected);
		assertThat(ids(body)).isEqualTo(mirrorIds(where, "date ASC, campaign_id ASC", 500, 0));
	}

	@Test
	void textNoRecordHasFindsNothing() throws Exception {
		JsonNode body = ok("/api/records?q=" + encode("no such company, surely"));

		assertThat(body.get("total").asLong()).isZero();
		assertThat(body.get("rows")).isEmpty();
	}

	@Test
	void theDownloadIsTheFilteredSetInTheFilesOwnFormat() throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(uri("/api/records/csv?marketing_channel=Google&sort=ad_spend&dir=desc")).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
		String body = response.body();
		assertThat(body).startsWith("\uFEFF" + String.join(",", CampaignColumns.ALL) + "\r\n");
		assertThat(body.replace("\r\n", "")).doesNotContain("\n");
		List<CsvRecord> rows = new ArrayList<>();
		try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(new StringReader(body.substring(1)))) {
			reader.forEach(rows::add);
		}
		List<Long> ids = rows.stream().skip(1).map(r -> Long.parseLong(r.getField(0))).toList();
		assertThat(ids).isEqualTo(
				mirrorIds("marketing_channel = 'Google'", "ad_spend DESC, campaign_id DESC", Integer.MAX_VALUE, 0));
		CsvRecord first = rows.get(1);
		assertThat(first.getField(CampaignColumns.ALL.indexOf("ad_spend"))).isEqualTo(
				Money
					.asEntered(mirror.queryForObject("SELECT ad_spend FROM " + TABLE + " WHERE campaign_id = ?",
							BigDecimal.class, ids.get(0)))
					.toPlainString());
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(
				Arguments.of("/api/records?page=-1", "page",
						"page must be a whole number from 0 to 10000000 (got '-1')"),
				Arguments.of("/api/records?page=x", "page", "page must be a whole number from 0 to 10000000 (got 'x')"),
				Arguments.of("/api/records?size=0", "size", "size must be a whole number from 1 to 500 (got '0')"),
				Arguments.of("/api/records?size=501", "size", "size must be a whole number from 1 to 500 (got '501')"),
				Arguments.of("/api/records?sort=colour", "sort",
						"sort must name a column of the records, e.g. date or ad_spend (got 'colour')"),
				Arguments.of("/api/records?dir=up", "dir", "dir must be asc or desc (got 'up')"),
				Arguments.of("/api/records?colour=red", "colour", "unknown parameter 'colour'"),
				Arguments.of("/api/records?q=" + "x".repeat(201), "q", "q must be at most 200 characters"),
				Arguments.of("/api/records/csv?country=", "country", "country must not be empty"),
				Arguments.of("/api/records/csv?sort=colour", "sort",
						"sort must name a column of the records, e.g. date or ad_spend (got 'colour')"));
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@MethodSource("badRequests")
	void badParametersAreRefusedNamingThem(String path, String field, String message) throws Exception {
		HttpResponse<String> response = get(path);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("errors").get(field).asString()).isEqualTo(message);
	}

	private List<Long> mirrorIds(String where, String order, int limit, int offset) {
		return mirror.queryForList("SELECT campaign_id FROM " + TABLE + " WHERE " + where + " ORDER BY " + order
				+ " LIMIT " + limit + " OFFSET " + offset, Long.class);
	}

	private static List<Long> ids(JsonNode body) {
		List<Long> ids = new ArrayList<>();
		body.get("rows").forEach(row -> ids.add(row.get("campaign_id").asLong()));
		return ids;
	}

	private static List<String> names(JsonNode row) {
		List<String> names = new ArrayList<>();
		row.propertyNames().forEach(names::add);
		return names;
	}

	private JsonNode ok(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
