package dev.campaignpipe.csv;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.CsvAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the product under load: every id a client saw acknowledged survives exactly
 * once.
 */
class CrashRecoveryIntegrationTests {

	private static final Pattern ID = Pattern.compile("\"campaign_id\":(\\d+)");

	@TempDir
	Path dir;

	@Test
	void killedUnderLoadThenRestartedLosesAndDuplicatesNothing() throws Exception {
		Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
		ChildApp app = ChildApp.start(dir);
		AtomicBoolean loading = new AtomicBoolean(true);
		ExecutorService clients = Executors.newFixedThreadPool(16);
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(app.uri("/api/campaigns"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(AppIntegrationTest.workedExampleJson()))
			.build();
		for (int i = 0; i < 16; i++) {
			clients.submit(() -> {
				while (loading.get()) {
					try {
						HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
						if (response.statusCode() == 201) {
							Matcher m = ID.matcher(response.body());
							if (m.find()) {
								acknowledged.add(Long.parseLong(m.group(1)));
							}
						}
					}
					catch (Exception ex) {
						// the server is gone: not acknowledged
					}
				}
			});
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> acknowledged.size() >= 2000);
		app.kill(); // mid-stream: requests are in flight
		loading.set(false);
		clients.shutdown();
		assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(2000);
		Set<Long> seen = new HashSet<>(acknowledged);

		try (ChildApp restarted = ChildApp.start(dir)) {
			HttpResponse<String> after = http.send(HttpRequest.newBuilder(restarted.uri("/api/campaigns"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(AppIntegrationTest.workedExampleJson()))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(after.statusCode()).isEqualTo(201);
			Matcher m = ID.matcher(after.body());
			assertThat(m.find()).isTrue();
			long next = Long.parseLong(m.group(1));
			assertThat(next).as("ids continue past every acknowledged one")
				.isGreaterThan(seen.stream().max(Long::compare).orElseThrow());
		}

		List<Long> ids = CsvAssertions.ids(CsvAssertions.readValidCsv(dir.resolve("campaigns.csv")));
		assertThat(ids).doesNotHaveDuplicates().isSorted();
		assertThat(new HashSet<>(ids)).containsAll(seen);
		assertThat(Files.exists(dir.resolve("state/spool.csv"))).isFalse();
	}

}
