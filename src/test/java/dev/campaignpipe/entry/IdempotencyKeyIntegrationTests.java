package dev.campaignpipe.entry;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.CsvAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §15 in local mode, with the real jar: a client that never saw its answer retries
 * with the same {@code Idempotency-Key}, even after the server was killed (-9) and
 * started again, and gets the same campaign_id back; the CSV holds the record once.
 */
class IdempotencyKeyIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path data;

	@Test
	void aRetryAfterAKilledServerGetsTheSameRecordAndTheCsvHoldsItOnce() throws Exception {
		long id;
		try (ChildApp app = ChildApp.start(data)) {
			HttpResponse<String> first = post(app, "retry-me-1");
			assertThat(first.statusCode()).isEqualTo(201);
			id = JSON.readTree(first.body()).get("campaign_id").asLong();
			HttpResponse<String> other = post(app, "another-key");
			assertThat(JSON.readTree(other.body()).get("campaign_id").asLong()).as("another key, another record")
				.isNotEqualTo(id);
			app.kill();
		}
		try (ChildApp app = ChildApp.start(data)) {
			HttpResponse<String> retry = post(app, "retry-me-1");
			assertThat(retry.statusCode()).isEqualTo(201);
			assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
			assertThat(JSON.readTree(retry.body()).get("campaign_id").asLong()).isEqualTo(id);
			assertThat(retry.headers().firstValue("Location")).hasValue("/api/campaigns/" + id);
		}
		assertThat(CsvAssertions.ids(CsvAssertions.readValidCsv(data.resolve("campaigns.csv")))).hasSize(2)
			.containsOnlyOnce(id);
	}

	private static HttpResponse<String> post(ChildApp app, String key) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(app.uri("/api/campaigns"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", key)
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString(AppIntegrationTest.workedExampleJson()))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
