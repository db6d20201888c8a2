package dev.campaignpipe.entry;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.support.AppIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignApiIntegrationTests extends AppIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	CsvWriterService writer;

	@Test
	void workedExampleIsStoredAndAnsweredWithTheSpecKpisAsJsonNumbers() throws Exception {
		HttpResponse<String> response = postJson("/api/campaigns", workedExampleJson());
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode body = JSON.readTree(response.body());
		long id = body.get("campaign_id").asLong();
		assertThat(response.headers().firstValue("Location")).hasValue("/api/campaigns/" + id);
		Map<String, String> expected = Map.of("cost_per_click", "0.2603", "cost_per_mille", "17.3220", "ctr",
				"0.066541", "conversion_rate", "0.620761", "cpc_effectiveness_score", "0.255610", "roi_score",
				"2.384592", "quality_score", "6.8730", "click_to_conversion_ratio", "1.610925",
				"engagement_to_spend_ratio", "3.841399", "cost_efficiency_index", "0.4194");
		expected.forEach((column, value) -> {
			assertThat(body.get(column).isNumber()).as(column).isTrue();
			assertThat(body.get(column).decimalValue()).as(column).isEqualByComparingTo(value);
		});
		assertThat(body.get("week_number").asInt()).isEqualTo(42);
		assertThat(body.get("month").asInt()).isEqualTo(10);
		assertThat(body.get("roas").isNull()).isTrue();

		HttpResponse<String> lookup = get("/api/campaigns/" + id);
		assertThat(lookup.statusCode()).isEqualTo(200);
		JsonNode found = JSON.readTree(lookup.body());
		assertThat(found.at("/record/campaign_company").asString()).isEqualTo("Amazon");
		assertThat(found.at("/pipeline/in_csv").asBoolean()).isTrue();
	}

	@Test
	void categoriesAreNormalizedOnTheWayIn() throws Exception {
		String body = workedExampleJson().replace("\"Google\"", "\"  google \"").replace("\"Australia\"", "\"AU\"");
		JsonNode stored = JSON.readTree(postJson("/api/campaigns", body).body());
		assertThat(stored.get("marketing_channel").asString()).isEqualTo("Google");
		assertThat(stored.get("country").asString()).isEqualTo("Australia");
	}

	@Test
	void zeroDenominatorsAreNullNotZero() throws Exception {
		String body = workedExampleJson().replace("43432", "0")
			.replace("2890", "0")
			.replace("1794", "0")
			.replace("752.33", "0");
		HttpResponse<String> response = postJson("/api/campaigns", body);
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode stored = JSON.readTree(response.body());
		for (String kpi : List.of("cost_per_click", "cost_per_mille", "ctr", "conversion_rate",
				"cpc_effectiveness_score", "roi_score", "click_to_conversion_ratio", "quality_score",
				"engagement_to_spend_ratio", "cost_efficiency_index")) {
			assertThat(stored.get(kpi).isNull()).as(kpi).isTrue();
		}
	}

	@Test
	void invalidValuesGet400WithAMessagePerField() throws Exception {
		String body = workedExampleJson().replace("\"Google\"", "\"Snapchat\"")
			.replace("2890", "50000")
			.replace("\"2024-10-15\"", "\"15/10/2024\"");
		HttpResponse<String> response = postJson("/api/campaigns", body);
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode errors = JSON.readTree(response.body()).get("errors");
		assertThat(errors.get("marketing_channel").asString()).startsWith("marketing_channel must be one of Facebook");
		assertThat(errors.get("clicks").asString()).isEqualTo("clicks must not exceed impressions (43432)");
		assertThat(errors.get("date").asString()).contains("yyyy-MM-dd");
	}

	@Test
	void wrongTypesAndUnknownFieldsAreNamed() throws Exception {
		String body = workedExampleJson().replace("43432", "true")
			.replace("\"Amazon\"", "[1]")
			.replace("}", ",\"budget\":5}");
		JsonNode errors = JSON.readTree(postJson("/api/campaigns", body).body()).get("errors");
		assertThat(errors.get("impressions").asString()).isEqualTo("impressions must be a number, not boolean");
		assertThat(errors.get("campaign_company").asString()).isEqualTo("campaign_company must be a string, not array");
		assertThat(errors.get("budget").asString()).startsWith("unknown field 'budget'");
	}

	@Test
	void numbersMayArriveAsStringsOrAsIntegralDecimals() throws Exception {
		String body = workedExampleJson().replace("43432", "\"43432\"")
			.replace("2890", "2890.0")
			.replace("1794", "1.794e3");
		assertThat(postJson("/api/campaigns", body).statusCode()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "[]", "\"text\"", "42", "null", "{\"a\":1} trailing",
			"{\"clicks\":1,\"clicks\":2}", "{\"impressions\":1e400}", "{\"impressions\":NaN}",
			"{\"date\":{\"y\":2024}}",
			"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
			"\u0000\u0001", "{\"campaign_company\":\"\\ud800\"}" })
	void malformedBodiesGet400WithAClearMessageNeverA500(String body) throws Exception {
		HttpResponse<String> response = postJson("/api/campaigns", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("errors").isObject()).isTrue();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void oversizedBodiesGet413WithAndWithoutContentLength() throws Exception {
		String huge = "{\"campaign_company\":\"" + "x".repeat(2_000_000) + "\"}";
		HttpResponse<String> declared = postJson("/api/campaigns", huge);
		assertThat(declared.statusCode()).isEqualTo(413);
		String large = "{\"campaign_company\":\"" + "x".repeat(100_000) + "\"}";
		HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/campaigns"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(
					() -> new java.io.ByteArrayInputStream(large.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(chunked.body()).contains("request body is larger than");
	}

	@Test
	void otherContentTypesGet415() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/campaigns"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(workedExampleJson()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.body()).contains("application/json");
	}

	@Test
	void randomBodiesNeverProduceAServerError() throws Exception {
		Random random = new Random(42);
		String[] pieces = { "{", "}", "[", "]", ",", ":", "\"clicks\"", "\"date\"", "\"x\"", "1", "-1", "1.5", "true",
				"null", "\"2024-10-15\"", "\"impressions\"", "99999999999999999999999", " ", "\\", "\"" };
		for (int i = 0; i < 150; i++) {
			StringBuilder body = new StringBuilder();
			int length = random.nextInt(20);
			for (int j = 0; j < length; j++) {
				body.append(pieces[random.nextInt(pieces.length)]);
			}
			HttpResponse<String> response = postJson("/api/campaigns", body.toString());
			assertThat(response.statusCode()).as(body.toString()).isBetween(400, 499);
		}
	}

	@Test
	void aSubmissionThePipelineCannotMakeDurableGets503AndIsNotStored() throws Exception {
		long before = writer.lastId();
		writer.stop();
		try {
			HttpResponse<String> refused = postJson("/api/campaigns", workedExampleJson());
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(JSON.readTree(refused.body()).at("/errors/pipeline").asString()).contains("not running")
				.endsWith("the record was not acknowledged, retry");
		}
		finally {
			writer.start();
		}
		HttpResponse<String> retried = postJson("/api/campaigns", workedExampleJson());
		assertThat(retried.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(retried.body()).get("campaign_id").asLong()).as("no id was spent on the refusal")
			.isEqualTo(before + 1);
	}

	@Test
	void unknownIdIs404() throws Exception {
		HttpResponse<String> response = get("/api/campaigns/999999999");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(get("/api/campaigns/abc").statusCode()).isEqualTo(400);
	}

	@Test
	void formPostWithoutCsrfTokenIsRefused() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("campaign_company=Evil"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void statusHealthAndMetricsAnswer() throws Exception {
		JsonNode status = JSON.readTree(get("/api/pipeline/status").body());
		assertThat(status.has("queue_depth")).isTrue();
		assertThat(status.at("/csv/locked").asBoolean()).isFalse();
		assertThat(status.at("/csv/refusing_since").isNull()).as("writing works: not refusing").isTrue();
		assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
		HttpResponse<String> prometheus = get("/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("pipeline_queue_depth")
			.contains("pipeline_csv_records_total")
			.contains("pipeline_csv_append_seconds_count")
			.contains("pipeline_csv_refusing 0.0");
	}

}
