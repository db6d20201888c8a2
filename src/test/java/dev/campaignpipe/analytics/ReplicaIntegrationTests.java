package dev.campaignpipe.analytics;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.campaignpipe.importer.HandOverToken;
import dev.campaignpipe.support.ChildApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analytics replica stays equal to the database mirror through what happens to a
 * running product: a kill -9 while it applies a batch, the CSV replaced behind its back,
 * and a 100,000-record import. "Equal" is checked on the sums and per-channel sums the
 * dashboard shows, against SQL on the product's own H2 file.
 */
class ReplicaIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] CHANNELS = { "Google", "Facebook", "Instagram", "LinkedIn", "YouTube" };

	@TempDir
	Path dir;

	@Test
	void killedWhileApplyingThenRestartedTheReplicaEqualsTheMirror() throws Exception {
		ChildApp app = ChildApp.start(dir);
		AtomicBoolean loading = new AtomicBoolean(true);
		ExecutorService clients = load(app, loading, 8);
		await().atMost(Duration.ofSeconds(60)).until(() -> status(app).get("records").asLong() >= 1500);
		app.kill(); // records keep arriving, so the replica is mid-way through some batch
		loading.set(false);
		clients.shutdown();
		assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		try (ChildApp restarted = ChildApp.start(dir)) {
			awaitEqualToTheMirror(restarted);
		}
	}

	@Test
	void theCsvReplacedBehindItsBackRebuildsTheReplica() throws Exception {
		try (ChildApp app = ChildApp.start(dir)) {
			AtomicBoolean loading = new AtomicBoolean(true);
			ExecutorService clients = load(app, loading, 2);
			await().atMost(Duration.ofSeconds(60)).until(() -> status(app).get("records").asLong() >= 300);
			loading.set(false);
			clients.shutdown();
			assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			awaitEqualToTheMirror(app);

			// what Excel does on save: a new file renamed over the old one; here every
			// row's impressions doubled, and the last ten rows gone
			Path csv = dir.resolve("campaigns.csv");
			List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
			List<String> edited = new ArrayList<>(List.of(lines.get(0)));
			for (String line : lines.subList(1, lines.size() - 10)) {
				String[] fields = line.split(",", -1);
				fields[7] = String.valueOf(Long.parseLong(fields[7]) * 2);
				edited.add(String.join(",", fields));
			}
			Path saved = dir.resolve("campaigns.csv.saving");
			Files.writeString(saved, String.join("\r\n", edited) + "\r\n", StandardCharsets.UTF_8);
			Files.move(saved, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(app.log())
					.contains("building from the database mirror (the CSV was replaced"));
			awaitEqualToTheMirror(app);
			long doubled = mirrorLong("SELECT SUM(impressions) FROM digital_marketing_ad_performance_data");
			assertThat(summary(app).get("impressions").asLong()).isEqualTo(doubled);
		}
	}

	@Test
	void aHundredThousandRecordImportLeavesTheReplicaEqualToTheMirror() throws Exception {
		Path file = dir.resolve("import.csv");
		StringBuilder rows = new StringBuilder("campaign_company,campaign_name,campaign_type,marketing_channel,"
				+ "ad_format,date,impressions,clicks,conversions,ad_spend,device_type,country,audience_segment\r\n");
		for (int i = 0; i < 100_000; i++) {
			rows.append(String.format(Locale.ROOT,
					"Company %d,Campaign %d,Sales,%s,Video,2024-%02d-%02d,%d,%d,%d,%d.%02d,"
							+ "Mobile,Germany,New Users\r\n",
					i % 97, i % 501, CHANNELS[i % CHANNELS.length], 1 + i % 12, 1 + i % 28, 1000 + i % 7919,
					10 + i % 613, i % 89, 5 + i % 1009, i % 100));
		}
		Files.writeString(file, rows, StandardCharsets.UTF_8);
		try (ChildApp app = ChildApp.start(dir.resolve("data"))) {
			HttpResponse<String> started = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(app.uri("/api/imports"))
					.header(HandOverToken.HEADER, app.handOverToken())
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"path\":" + JSON.writeValueAsString(file.toString()) + "}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(started.statusCode()).as(started.body()).isBetween(200, 202);
			String id = JSON.readTree(started.body()).get("id").asString();
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> JSON.readTree(app.get("/api/imports/" + id)).get("finished").asBoolean());

			Path data = dir.resolve("data");
			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(() -> assertThat(summary(app).get("records").asLong()).isEqualTo(100_000));
			awaitEqualToTheMirror(app, data);
		}
	}

	private void awaitEqualToTheMirror(ChildApp app) {
		awaitEqualToTheMirror(app, dir);
	}

	/** Once the sync has caught up and the replica holds as many records, sums agree. */
	private static void awaitEqualToTheMirror(ChildApp app, Path data) {
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			JsonNode sync = JSON.readTree(app.get("/api/pipeline/status")).get("sync");
			assertThat(sync.get("bytes_behind").asLong()).isZero();
			JsonNode status = status(app);
			assertThat(status.get("state").asString()).isEqualTo("ready");
			assertThat(status.get("records").asLong())
				.isEqualTo(mirrorLong(data, "SELECT COUNT(*) FROM digital_marketing_ad_performance_data"));
		});
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode current = summary(app);
			try (Connection c = mirror(data);
					Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(impressions), SUM(clicks), SUM(conversions), "
							+ "SUM(ad_spend) FROM digital_marketing_ad_performance_data")) {
				rs.next();
				assertThat(current.get("records").asLong()).isEqualTo(rs.getLong(1));
				assertThat(current.get("impressions").asLong()).isEqualTo(rs.getLong(2));
				assertThat(current.get("clicks").asLong()).isEqualTo(rs.getLong(3));
				assertThat(current.get("conversions").asLong()).isEqualTo(rs.getLong(4));
				assertThat(current.get("ad_spend").decimalValue()).isEqualByComparingTo(rs.getBigDecimal(5));
			}
			JsonNode rows = JSON.readTree(app.get("/api/analytics/breakdown?by=marketing_channel")).get("rows");
			for (JsonNode row : rows) {
				String channel = row.get("marketing_channel").asString();
				try (Connection c = mirror(data);
						Statement s = c.createStatement();
						ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(ad_spend) FROM "
								+ "digital_marketing_ad_performance_data WHERE marketing_channel = '" + channel
								+ "'")) {
					rs.next();
					assertThat(row.get("records").asLong()).as(channel).isEqualTo(rs.getLong(1));
					assertThat(row.get("ad_spend").decimalValue()).as(channel)
						.isEqualByComparingTo(rs.getBigDecimal(2));
				}
			}
		});
	}

	/** Clients posting records that differ by channel and numbers until told to stop. */
	private static ExecutorService load(ChildApp app, AtomicBoolean loading, int clients) {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		HttpClient http = HttpClient.newHttpClient();
		AtomicInteger n = new AtomicInteger();
		for (int c = 0; c < clients; c++) {
			pool.submit(() -> {
				while (loading.get()) {
					int i = n.incrementAndGet();
					String body = String.format(Locale.ROOT,
							"{\"campaign_company\":\"Company %d\",\"campaign_name\":\"Drive\",\"campaign_type\":\"Sales\","
									+ "\"marketing_channel\":\"%s\",\"ad_format\":\"Video\",\"date\":\"2024-05-%02d\","
									+ "\"impressions\":%d,\"clicks\":%d,\"conversions\":%d,\"ad_spend\":%d.%02d,"
									+ "\"device_type\":\"Mobile\",\"country\":\"Germany\",\"audience_segment\":\"New Users\"}",
							i % 13, CHANNELS[i % CHANNELS.length], 1 + i % 28, 1000 + i % 777, 10 + i % 91, i % 7,
							1 + i % 300, i % 100);
					try {
						http.send(HttpRequest.newBuilder(app.uri("/api/campaigns"))
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(body))
							.build(), HttpResponse.BodyHandlers.discarding());
					}
					catch (Exception ex) {
						// the server went away (killed): not acknowledged, nothing to
						// check
					}
				}
			});
		}
		return pool;
	}

	private static JsonNode status(ChildApp app) throws Exception {
		return JSON.readTree(app.get("/api/analytics/status"));
	}

	private static JsonNode summary(ChildApp app) throws Exception {
		return JSON.readTree(app.get("/api/analytics/summary")).get("current");
	}

	private long mirrorLong(String sql) throws SQLException {
		return mirrorLong(dir, sql);
	}

	private static long mirrorLong(Path data, String sql) throws SQLException {
		try (Connection c = mirror(data); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * The product's own H2 file, opened beside it (AUTO_SERVER, as an analyst's SQL tool
	 * would).
	 */
	private static Connection mirror(Path data) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/pipeline").toAbsolutePath()
				+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
				+ "NON_KEYWORDS=DATE,MONTH,YEAR,QUARTER,VALUE;AUTO_SERVER=TRUE", "sa", "");
	}

}
