package dev.campaignpipe.analytics;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.campaignpipe.importer.CampaignImporter;
import dev.campaignpipe.importer.ImportOptions;
import dev.campaignpipe.importer.ImportSummary;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.Seed;
import dev.campaignpipe.sync.SyncWorker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query API of SPEC §12 against SQL computed directly on the database mirror, with
 * the original tool's sample imported: every total, breakdown and period equals the
 * mirror's sums, and every KPI the ratio of those sums, rounded as §4 says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsApiIntegrationTests extends AppIntegrationTest {

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

	@BeforeAll
	void importTheSample() throws Exception {
		Path copy = Files.createTempDirectory("analytics-it").resolve("sample.csv");
		Files.copy(Seed.sample(), copy);
		ImportSummary summary = importer.run(copy,
				new ImportOptions(ImportOptions.OnInvalid.KEEP_FLAGGED, ImportOptions.TakenId.REASSIGN),
				importer.start(copy));
		// every row accounted for; in a context another test already imported it into,
		// its rows come back as duplicates
		assertThat(summary.stored() + summary.duplicates() + summary.rejected()).isEqualTo(summary.read());
		assertThat(summary.read()).isEqualTo(247);
		assertThat(sync.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
		long inMirror = mirror.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(replica.status().state()).isEqualTo(ReplicaStatus.State.READY);
			assertThat(replica.status().records()).isEqualTo(inMirror);
		});
	}

	@Test
	void theSummaryOfAllTheDataIsTheMirrorsSums() throws Exception {
		JsonNode body = ok("/api/analytics/summary");
		Map<String, Object> range = mirror.queryForMap("SELECT MIN(date) AS f, MAX(date) AS t FROM " + TABLE);

		assertThat(body.get("from").asString()).isEqualTo(range.get("f").toString());
		assertThat(body.get("to").asString()).isEqualTo(range.get("t").toString());
		assertTotals(body.get("current"), expected("TRUE"));
		assertThat(body.get("previous").get("records").asLong()).isZero();
		assertThat(body.get("previous").get("cost_per_click").isNull()).isTrue();
	}

	@Test
	void aRangeComparesWithTheSameLengthBefore() throws Exception {
		JsonNode body = ok("/api/analytics/summary?from=2024-10-01&to=2024-10-31");

		assertThat(body.get("from").asString()).isEqualTo("2024-10-01");
		assertTotals(body.get("current"), expected("date BETWEEN DATE '2024-10-01' AND DATE '2024-10-31'"));
		assertTotals(body.get("previous"), expected("date BETWEEN DATE '2024-08-31' AND DATE '2024-09-30'"));
	}

	@Test
	void aRangeOpenAtItsEndRunsToTheLastRecordAndComparesWithTheDaysBefore() throws Exception {
		JsonNode body = ok("/api/analytics/summary?from=2024-10-01");
		LocalDate last = mirror.queryForObject("SELECT MAX(date) FROM " + TABLE, LocalDate.class);
		LocalDate from = LocalDate.of(2024, 10, 1);
		long days = ChronoUnit.DAYS.between(from, last) + 1;

		assertThat(body.get("to").asString()).isEqualTo(last.toString());
		assertTotals(body.get("current"), expected("date >= DATE '2024-10-01'"));
		assertThat(body.get("previous").get("records").asLong()).isPositive();
		assertTotals(body.get("previous"),
				expected("date BETWEEN DATE '" + from.minusDays(days) + "' AND DATE '" + from.minusDays(1) + "'"));
	}

	@Test
	void filtersCombine() throws Exception {
		List<String> twoChannels = mirror
			.queryForList("SELECT DISTINCT marketing_channel FROM " + TABLE + " ORDER BY marketing_channel",
					String.class)
			.subList(0, 2);
		String channels = "marketing_channel=" + encode(twoChannels.get(0)) + "&marketing_channel="
				+ encode(twoChannels.get(1));
		JsonNode body = ok("/api/analytics/summary?" + channels + "&device_type=Mobile&from=2024-01-01&to=2024-12-31");

		assertTotals(body.get("current"),
				expected("marketing_channel IN ('" + twoChannels.get(0) + "', '" + twoChannels.get(1) + "') "
						+ "AND device_type = 'Mobile' AND date BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'"));
	}

	@Test
	void flaggedAndCleanRecordsSplitTheWhole() throws Exception {
		JsonNode flagged = ok("/api/analytics/summary?data_quality=flagged").get("current");
		JsonNode clean = ok("/api/analytics/summary?data_quality=clean").get("current");

		assertTotals(flagged, expected("data_quality <> ''"));
		assertTotals(clean, expected("data_quality = ''"));
		assertThat(flagged.get("records").asLong() + clean.get("records").asLong())
			.isEqualTo(mirror.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class));
	}

	@Test
	void aSetWithNoRecordsHasNullKpisNeverZero() throws Exception {
		JsonNode current = ok("/api/analytics/summary?country=Atlantis").get("current");

		assertThat(current.get("records").asLong()).isZero();
		assertThat(current.get("ad_spend").decimalValue()).isEqualByComparingTo("0");
		for (String kpi : List.of("cost_per_click", "cost_per_mille", "ctr", "conversion_rate", "cost_per_conversion",
				"roi_score", "engagement_to_spend_ratio", "quality_score", "roas", "roi", "revenue")) {
			assertThat(current.get(kpi).isNull()).as(kpi).isTrue();
		}
	}

	static Stream<Dimension> groupable() {
		return Stream.of(Dimension.values()).filter(d -> d != Dimension.DATA_QUALITY);
	}

	@ParameterizedTest(name = "breakdown by {0}")
	@MethodSource("groupable")
	void eachBreakdownIsTheMirrorsGroupBy(Dimension by) throws Exception {
		JsonNode rows = ok("/api/analytics/breakdown?by=" + by.parameter()).get("rows");
		List<Map<String, Object>> groups = mirror.queryForList("SELECT " + by.parameter() + " AS k FROM " + TABLE
				+ " GROUP BY " + by.parameter() + " ORDER BY SUM(ad_spend) DESC, " + by.parameter());

		assertThat(rows).hasSize(groups.size());
		for (int i = 0; i < rows.size(); i++) {
			String key = (String) groups.get(i).get("k");
			assertThat(rows.get(i).get(by.parameter()).asString()).as("row %d", i).isEqualTo(key);
			assertTotals(rows.get(i), expected(by.parameter() + " = '" + key.replace("'", "''") + "'"));
		}
	}

	@Test
	void aBreakdownByTwoFieldsFilteredAndLimited() throws Exception {
		JsonNode rows = ok("/api/analytics/breakdown?by=campaign_company&by=device_type&limit=5&from=2024-06-01")
			.get("rows");
		List<Map<String, Object>> groups = mirror.queryForList("SELECT campaign_company AS c, device_type AS d FROM "
				+ TABLE + " WHERE date >= DATE '2024-06-01' GROUP BY campaign_company, device_type "
				+ "ORDER BY SUM(ad_spend) DESC, campaign_company, device_type LIMIT 5");

		assertThat(rows).hasSize(5);
		for (int i = 0; i < 5; i++) {
			String company = (String) groups.get(i).get("c");
			String device = (String) groups.get(i).get("d");
			assertThat(rows.get(i).get("campaign_company").asString()).isEqualTo(company);
			assertThat(rows.get(i).get("device_type").asString()).isEqualTo(device);
			assertTotals(rows.get(i), expected("date >= DATE '2024-06-01' AND campaign_company = '"
					+ company.replace("'", "''") + "' AND device_type = '" + device + "'"));
		}
	}

	@ParameterizedTest(name = "time series by {0}")
	@EnumSource(Grain.class)
	void eachGrainSumsTheMirrorsDays(Grain grain) throws Exception {
		JsonNode body = ok("/api/analytics/timeseries?grain=" + grain.parameter());
		// the mirror's days, grouped into periods here, independently of the engine
		Map<String, List<LocalDate>> periods = new TreeMap<>();
		for (LocalDate day : mirror.queryForList("SELECT DISTINCT date FROM " + TABLE, LocalDate.class)) {
			periods.computeIfAbsent(label(grain, day), k -> new ArrayList<>()).add(day);
		}

		assertThat(body.get("grain").asString()).isEqualTo(grain.parameter());
		JsonNode rows = body.get("rows");
		assertThat(rows).hasSize(periods.size());
		int i = 0;
		for (Map.Entry<String, List<LocalDate>> period : periods.entrySet()) {
			assertThat(rows.get(i).get("period").asString()).isEqualTo(period.getKey());
			String days = period.getValue()
				.stream()
				.map(d -> "DATE '" + d + "'")
				.reduce((a, b) -> a + ", " + b)
				.orElseThrow();
			assertTotals(rows.get(i), expected("date IN (" + days + ")"));
			i++;
		}
	}

	private static String label(Grain grain, LocalDate day) {
		return switch (grain) {
			case DAY -> day.toString();
			case WEEK ->
				String.format(java.util.Locale.ROOT, "%d-W%02d", day.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
						day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			case MONTH -> day.toString().substring(0, 7);
		};
	}

	@Test
	void theOriginalPagesSumOfRowRatiosIsNotOursOursIsTheRatioOfSums() throws Exception {
		JsonNode current = ok("/api/analytics/summary").get("current");
		BigDecimal sumOfRowRois = mirror.queryForObject("SELECT SUM(roi_score) FROM " + TABLE, BigDecimal.class);
		Map<String, Object> sums = mirror.queryForMap("SELECT SUM(conversions) AS v, SUM(ad_spend) AS s FROM " + TABLE);
		BigDecimal ratioOfSums = new BigDecimal(sums.get("v").toString())
			.divide(new BigDecimal(sums.get("s").toString()), 6, RoundingMode.HALF_UP);

		assertThat(current.get("roi_score").decimalValue()).isEqualByComparingTo(ratioOfSums);
		assertThat(sumOfRowRois).isGreaterThan(ratioOfSums.multiply(BigDecimal.TEN));
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(Arguments.of("/api/analytics/summary?colour=red", "colour", "unknown parameter 'colour'"),
				Arguments.of("/api/analytics/summary?from=31-12-2024", "from",
						"from must be a date like 2024-03-31 (got '31-12-2024')"),
				Arguments.of("/api/analytics/summary?from=2024-12-31&to=2024-01-01", "from",
						"from (2024-12-31) must not be after to (2024-01-01)"),
				Arguments.of("/api/analytics/summary?from=2024-01-01&from=2024-02-01", "from",
						"from may be given once"),
				Arguments.of("/api/analytics/summary?data_quality=dirty", "data_quality",
						"data_quality must be 'flagged' or 'clean' (got 'dirty')"),
				Arguments.of("/api/analytics/summary?country=", "country", "country must not be empty"),
				Arguments.of("/api/analytics/breakdown", "by", "by must name one or two fields to group by"),
				Arguments.of("/api/analytics/breakdown?by=date", "by",
						"by cannot group by 'date'; one of [campaign_company, campaign_name, campaign_type, "
								+ "marketing_channel, ad_format, device_type, country, audience_segment, data_quality]"),
				Arguments.of("/api/analytics/breakdown?by=country&by=country", "by", "by names country twice"),
				Arguments.of("/api/analytics/breakdown?by=country&limit=0", "limit",
						"limit must be a whole number from 1 to 10000"),
				Arguments.of("/api/analytics/timeseries?grain=year", "grain", "grain must be day, week or month"));
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@MethodSource("badRequests")
	void badParametersAreRefusedNamingThem(String path, String field, String message) throws Exception {
		HttpResponse<String> response = get(path);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("errors").get(field).asString()).isEqualTo(message);
	}

	private JsonNode ok(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * The mirror's sums over {@code where}, and each KPI as its ratio, rounded per §4.
	 */
	private Map<String, BigDecimal> expected(String where) {
		Map<String, Object> row = mirror.queryForMap("SELECT COUNT(*) AS n, COALESCE(SUM(impressions), 0) AS i, "
				+ "COALESCE(SUM(clicks), 0) AS c, COALESCE(SUM(conversions), 0) AS v, COALESCE(SUM(ad_spend), 0) AS s, "
				+ "SUM(revenue) AS r, SUM(CASE WHEN revenue IS NOT NULL THEN ad_spend END) AS sr FROM " + TABLE
				+ " WHERE " + where);
		BigDecimal n = decimal(row.get("n"));
		BigDecimal i = decimal(row.get("i"));
		BigDecimal c = decimal(row.get("c"));
		BigDecimal v = decimal(row.get("v"));
		BigDecimal s = decimal(row.get("s"));
		BigDecimal r = row.get("r") == null ? null : decimal(row.get("r"));
		BigDecimal sr = row.get("sr") == null ? null : decimal(row.get("sr"));
		Map<String, BigDecimal> expected = new LinkedHashMap<>();
		expected.put("records", n);
		expected.put("impressions", i);
		expected.put("clicks", c);
		expected.put("conversions", v);
		expected.put("ad_spend", s);
		expected.put("revenue", r);
		expected.put("cost_per_click", ratio(s, c, 4));
		expected.put("cost_per_mille", ratio(s.multiply(BigDecimal.valueOf(1000)), i, 4));
		expected.put("ctr", ratio(c, i, 6));
		expected.put("conversion_rate", ratio(v, c, 6));
		expected.put("cost_per_conversion", ratio(s, v, 4));
		expected.put("roi_score", ratio(v, s, 6));
		expected.put("engagement_to_spend_ratio", ratio(c, s, 6));
		expected.put("quality_score",
				ratio(c.multiply(c).add(v.multiply(i)).multiply(BigDecimal.TEN), i.multiply(c), 4));
		// revenue against the spend of the records that report it
		expected.put("roas", r == null ? null : ratio(r, sr, 6));
		expected.put("roi", r == null ? null : ratio(r.subtract(sr), sr, 6));
		return expected;
	}

	private static void assertTotals(JsonNode actual, Map<String, BigDecimal> expected) {
		expected.forEach((field, value) -> {
			JsonNode node = actual.get(field);
			assertThat(node).as(field).isNotNull();
			if (value == null) {
				assertThat(node.isNull()).as("%s is null", field).isTrue();
			}
			else {
				assertThat(node.decimalValue()).as(field).isEqualByComparingTo(value);
			}
		});
	}

	private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator, int scale) {
		return denominator.signum() == 0 ? null : numerator.divide(denominator, scale, RoundingMode.HALF_UP);
	}

	private static BigDecimal decimal(Object value) {
		return new BigDecimal(value.toString());
	}

}
