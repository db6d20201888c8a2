package dev.campaignpipe.entry;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.campaignpipe.support.AppIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: bodies built to hurt the server — deep nesting, numbers with huge exponents,
 * bodies that do not declare their size — answered 400 or 413 with a message naming the
 * field or the body, on every JSON endpoint that reads a body; never a 500, never a
 * server busy for seconds.
 */
class HostileJsonIntegrationTests extends AppIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> ENDPOINTS = List.of("/api/campaigns", "/api/imports",
			"/api/quarantine/1/resolve");

	private static final List<String> NUMBER_FIELDS = List.of("impressions", "clicks", "conversions", "ad_spend");

	private static final List<String> EXTREME_NUMBERS = List.of("1e-999999999", "1E+2147483647", "1E-2147483647",
			"1e999999999", "9".repeat(1000), "0." + "0".repeat(997) + "1");

	@Test
	void deepNestingIsRefusedOnEveryEndpoint() throws Exception {
		String deep = "[".repeat(5_000) + "]".repeat(5_000);
		String deepObject = "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);
		for (String endpoint : ENDPOINTS) {
			for (String body : List.of(deep, deepObject)) {
				HttpResponse<String> response = postJson(endpoint, body);
				assertThat(response.statusCode()).as(endpoint).isEqualTo(400);
				assertThat(JSON.readTree(response.body()).at("/errors/body").asString()).as(endpoint)
					.contains("nesting depth");
			}
		}
	}

	@Test
	void numbersWithHugeExponentsOrDigitsAreRefusedNamingTheField() throws Exception {
		JsonNode valid = JSON.readTree(workedExampleJson());
		for (String field : NUMBER_FIELDS) {
			for (String number : EXTREME_NUMBERS) {
				String body = valid.toString()
					.replaceFirst("\"" + field + "\":[0-9.]+", "\"" + field + "\":" + number.replace("$", "\\$"));
				HttpResponse<String> response = postJson("/api/campaigns", body);
				String what = field + "=" + number.substring(0, Math.min(20, number.length()));
				assertThat(response.statusCode()).as(what).isEqualTo(400);
				assertThat(JSON.readTree(response.body()).get("errors").has(field)).as(what + ": " + response.body())
					.isTrue();
			}
		}
		// longer than Jackson reads at all: the body is named
		HttpResponse<String> tooLong = postJson("/api/campaigns", "{\"impressions\":" + "9".repeat(1001) + "}");
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(tooLong.body()).at("/errors/body").asString()).contains("Number value length");
	}

	@Test
	void aBodyThatDoesNotDeclareItsSizeIsCutAtTheLimitOnEveryEndpoint() throws Exception {
		byte[] large = ("{\"path\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		for (String endpoint : ENDPOINTS) {
			HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri(endpoint))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(chunked.statusCode()).as(endpoint).isEqualTo(413);
			assertThat(chunked.body()).as(endpoint).contains("request body is larger than");
		}
	}

}
