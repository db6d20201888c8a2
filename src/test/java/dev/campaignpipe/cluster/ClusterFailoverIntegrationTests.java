package dev.campaignpipe.cluster;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.CsvAssertions;
import dev.campaignpipe.support.Database;
import dev.campaignpipe.support.KafkaCluster;
import dev.campaignpipe.support.LoadClients;
import dev.campaignpipe.support.MariaDb;
import dev.campaignpipe.support.PipelineChecks;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17, SPEC §15: two entry nodes and one sink node (CSV writer, MariaDB mirror,
 * export, dashboard) against three real KRaft brokers under concurrent load; the second
 * entry node is also a database sink on the same MariaDB, so two sinks write that
 * database at once. kill -9 of the partition's leader, of the second entry node (a
 * database sink mid-batch) and of the sink node mid-batch; then two brokers down at once,
 * when entry must answer 503 and store nothing. Afterwards every acknowledged id is in
 * the CSV and in MariaDB exactly once, ids unique and increasing, and nothing refused
 * appeared.
 */
class ClusterFailoverIntegrationTests {

	private static final String TOPIC = "campaigns";

	private static final String REFUSED_NAME = "Refused While Quorum Lost";

	private static final String KEYED_NAME = "Keyed Across Nodes";

	/** Keys sent to both entry nodes at once. */
	private static final int RACES = 5;

	@TempDir
	Path dir;

	@Test
	void killingALeaderAnEntryNodeAndTheSinkLosesAndDuplicatesNothing() throws Exception {
		String url = MariaDb.newDatabase("cluster_failover");
		Set<Long> acknowledged = new HashSet<>();
		List<Long> keyedIds = new ArrayList<>();
		int unanswered = 0;
		try (KafkaCluster kafka = KafkaCluster.start(3, dir.resolve("kafka"))) {
			List<String> common = List.of("--pipeline.queue.kind=kafka",
					"--pipeline.kafka.bootstrap-servers=" + kafka.bootstrap(), "--pipeline.kafka.delivery-timeout=8s");
			List<String> mariaDb = List.of("--spring.profiles.active=mysql", "--spring.datasource.url=" + url,
					"--spring.datasource.username=root", "--spring.datasource.password=");
			String[] sinkArgs = args(common, "--pipeline.roles=csv,database,export,dashboard");
			sinkArgs = args(List.of(sinkArgs), mariaDb.toArray(String[]::new));
			String[] entryArgs = args(common, "--pipeline.roles=entry");
			// a second database sink on the same database, on a node without a CSV
			String[] entryAndDatabaseArgs = args(common, "--pipeline.roles=entry,database");
			entryAndDatabaseArgs = args(List.of(entryAndDatabaseArgs), mariaDb.toArray(String[]::new));
			Path sinkData = dir.resolve("sink");
			List<ChildApp> started = new ArrayList<>();
			try {
				ChildApp sink = start(started, sinkData, sinkArgs);
				ChildApp entry1 = start(started, dir.resolve("entry1"), entryArgs);
				ChildApp entry2 = start(started, dir.resolve("entry2"), entryAndDatabaseArgs);
				LoadClients load1 = LoadClients.start(entry1.uri("/api/campaigns"), 4, Duration.ofMillis(20));
				LoadClients load2 = LoadClients.start(entry2.uri("/api/campaigns"), 4, Duration.ofMillis(20));
				try {
					load1.awaitAcknowledged(200, Duration.ofSeconds(90));
					load2.awaitAcknowledged(200, Duration.ofSeconds(90));
					// the log as the product created it: docs/cluster.md's topic settings
					assertThat(kafka.topicConfig(TOPIC)).containsEntry("min.insync.replicas", "2")
						.containsEntry("unclean.leader.election.enable", "false")
						.containsEntry("retention.ms", "-1")
						.containsEntry("message.timestamp.type", "LogAppendTime");

					// 0. Idempotency-Key across entry nodes: a retry on the other node,
					// and
					// retries racing each other on both, get the first attempt's id
					HttpResponse<String> keyed = post(entry1, KEYED_NAME, "across-nodes");
					HttpResponse<String> retried = post(entry2, KEYED_NAME, "across-nodes");
					assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(201);
					assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
					assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
					long keyedAcross = json(keyed.body()).get("campaign_id").asLong();
					assertThat(json(retried.body()).get("campaign_id").asLong()).isEqualTo(keyedAcross);
					assertThat(post(entry2, "Another Body", "across-nodes").statusCode()).isEqualTo(422);
					HttpResponse<String> onSinkNode = post(sink, KEYED_NAME, "across-nodes");
					assertThat(onSinkNode.statusCode()).as("every node serves the API: " + onSinkNode.body())
						.isEqualTo(201);
					assertThat(json(onSinkNode.body()).get("campaign_id").asLong()).isEqualTo(keyedAcross);
					keyedIds.add(keyedAcross);
					for (int race = 1; race <= RACES; race++) {
						keyedIds.add(racingRetries(entry1, entry2, race));
					}

					// 1. the partition's leader dies: two brokers still acknowledge
					int leader = kafka.leader(TOPIC);
					int before = load1.acknowledged().size();
					Instant killed = Instant.now();
					kafka.kill(leader);
					await("an acknowledgement after the leader died").atMost(Duration.ofSeconds(90))
						.pollInterval(Duration.ofMillis(20))
						.until(() -> load1.acknowledged().size() > before);
					Duration stall = Duration.between(killed, Instant.now());
					load1.awaitAcknowledged(200, Duration.ofSeconds(90));
					load2.awaitAcknowledged(200, Duration.ofSeconds(90));
					kafka.restart(leader);
					System.out.printf(Locale.ROOT,
							"cluster failover: first acknowledgement %d ms after the leader died%n", stall.toMillis());

					// 2. an entry node dies, and with it a database sink: the others go
					// on
					JsonNode secondSink = PipelineChecks.status(entry2).at("/cluster/sinks/0");
					assertThat(secondSink.get("sink").asString()).isEqualTo("database");
					assertThat(secondSink.get("written").asLong()).as("both database sinks wrote: " + secondSink)
						.isPositive();
					entry2.kill();
					load2.stop();
					load1.awaitAcknowledged(200, Duration.ofSeconds(90));

					// 3. the sink dies mid-batch and comes back on its files and database
					sink.kill();
					load1.awaitAcknowledged(200, Duration.ofSeconds(90));
					sink = start(started, sinkData, sinkArgs);
					load1.awaitAcknowledged(200, Duration.ofSeconds(90));
				}
				finally {
					load1.stop();
					load2.stop();
				}
				acknowledged.addAll(load1.acknowledged());
				acknowledged.addAll(load2.acknowledged());
				unanswered += load1.unanswered() + load2.unanswered();

				// 4. two brokers down: no quorum, entry answers 503 and stores nothing
				kafka.awaitAllInSync(TOPIC, Duration.ofSeconds(90));
				int first = kafka.leader(TOPIC);
				int second = first % 3 + 1;
				kafka.kill(first);
				kafka.kill(second);
				HttpResponse<String> refused = post(entry1, REFUSED_NAME);
				assertThat(refused.statusCode()).as("entry without a quorum: " + refused.body()).isEqualTo(503);
				assertThat(refused.headers().firstValue("Retry-After")).isPresent();
				assertThat(post(entry1, REFUSED_NAME).statusCode()).isEqualTo(503);
				JsonNode refusing = PipelineChecks.status(entry1).at("/cluster/entry");
				assertThat(refusing.get("failing_since").isNull()).as("status shows the outage: " + refusing).isFalse();
				assertThat(refusing.get("last_error").asString()).contains("the cluster could not acknowledge");
				assertThat(entry1.get("/status")).as("the status page says so").contains("refused since");
				assertThat(entry1.get("/")).as("and the form's banner").contains("log refuses new records since");
				kafka.restart(first);
				kafka.restart(second);
				kafka.awaitAllInSync(TOPIC, Duration.ofSeconds(90));

				// and back: acknowledged again
				HttpResponse<String> after = awaitAcknowledged(entry1);
				long back = json(after.body()).get("campaign_id").asLong();
				assertThat(PipelineChecks.status(entry1).at("/cluster/entry/failing_since").isNull())
					.as("the outage cleared")
					.isTrue();
				assertThat(sink.get("/status")).contains("acknowledged by the log")
					.contains("csv sink")
					.contains("database sink");
				acknowledged.add(back);
				// a retry with the same Idempotency-Key gets the same id, one record
				HttpResponse<String> keyed = post(entry1, "Keyed", "cluster-key-1");
				HttpResponse<String> retried = post(entry1, "Keyed", "cluster-key-1");
				assertThat(keyed.statusCode()).isEqualTo(201);
				assertThat(retried.statusCode()).isEqualTo(201);
				long keyedId = json(keyed.body()).get("campaign_id").asLong();
				assertThat(json(retried.body()).get("campaign_id").asLong()).isEqualTo(keyedId).isGreaterThan(back);
				acknowledged.add(keyedId);
				acknowledged.addAll(keyedIds);
				awaitSinkCaughtUp(sink, sinkData, acknowledged);
				java.util.Map<String, Integer> inLog = kafka.keyCounts(TOPIC);
				assertThat(inLog.get("across-nodes")).as("a retry of a known key appends nothing").isEqualTo(1);
				System.out.printf(Locale.ROOT, "cluster failover: %d of %d racing keys reached the log twice%n",
						java.util.stream.IntStream.rangeClosed(1, RACES)
							.filter(race -> inLog.getOrDefault("race-" + race, 0) > 1)
							.count(),
						RACES);
			}
			finally {
				// whatever failed, no node outlives the test
				started.forEach(ChildApp::close);
			}
		}
		PipelineChecks.assertExactlyOnce(dir.resolve("sink"), acknowledged, unanswered);
		List<CsvRecord> rows = CsvAssertions.readValidCsv(dir.resolve("sink/campaigns.csv"));
		assertThat(rows).as("nothing refused appeared later").noneMatch(row -> row.getFields().contains(REFUSED_NAME));
		assertThat(rows.stream().filter(row -> row.getFields().contains(KEYED_NAME)).map(row -> row.getField(0)))
			.as("a key retried on another node: one record")
			.containsExactly(String.valueOf(keyedIds.get(0)));
		for (int race = 1; race <= RACES; race++) {
			String name = "Race " + race;
			assertThat(rows.stream().filter(row -> row.getFields().contains(name)).map(row -> row.getField(0)))
				.as("retries racing on two nodes: one record, the id both were given")
				.containsExactly(String.valueOf(keyedIds.get(race)));
		}
		List<Long> csvIds = CsvAssertions.ids(rows);
		List<Long> dbIds = new Database(url, "root", "")
			.query("SELECT campaign_id FROM digital_marketing_ad_performance_data ORDER BY campaign_id")
			.stream()
			.map(row -> ((Number) row.get(0)).longValue())
			.toList();
		assertThat(dbIds).as("MariaDB holds exactly the CSV's records").isEqualTo(csvIds);
		System.out.printf(Locale.ROOT, "cluster failover: %d acknowledged, %d unanswered, %d in the CSV%n",
				acknowledged.size(), unanswered, csvIds.size());
	}

	private static ChildApp start(List<ChildApp> started, Path data, String... args) throws Exception {
		ChildApp app = ChildApp.start(data, args);
		started.add(app);
		return app;
	}

	private static String[] args(List<String> common, String... more) {
		List<String> all = new ArrayList<>(common);
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private static HttpResponse<String> post(ChildApp app, String campaignName) throws Exception {
		return post(app, campaignName, null);
	}

	private static HttpResponse<String> post(ChildApp app, String campaignName, String idempotencyKey)
			throws Exception {
		String body = AppIntegrationTest.workedExampleJson()
			.replaceFirst("\"campaign_name\"\\s*:\\s*\"[^\"]*\"", "\"campaign_name\": \"" + campaignName + "\"");
		HttpRequest.Builder request = HttpRequest.newBuilder(app.uri("/api/campaigns"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The same keyed request to both entry nodes at once.
	 * @return the campaign_id both answered
	 */
	private static long racingRetries(ChildApp entry1, ChildApp entry2, int race) throws Exception {
		String key = "race-" + race;
		java.util.concurrent.CompletableFuture<HttpResponse<String>> one = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> postUnchecked(entry1, "Race " + race, key));
		java.util.concurrent.CompletableFuture<HttpResponse<String>> two = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> postUnchecked(entry2, "Race " + race, key));
		HttpResponse<String> a = one.get();
		HttpResponse<String> b = two.get();
		assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
		assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
		long id = json(a.body()).get("campaign_id").asLong();
		assertThat(json(b.body()).get("campaign_id").asLong()).as("both nodes give the same id").isEqualTo(id);
		return id;
	}

	private static HttpResponse<String> postUnchecked(ChildApp app, String campaignName, String key) {
		try {
			return post(app, campaignName, key);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> awaitAcknowledged(ChildApp app) {
		List<HttpResponse<String>> answer = new ArrayList<>();
		await("entry acknowledges again").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> {
				HttpResponse<String> response = post(app, "Back After Quorum");
				answer.add(response);
				return response.statusCode() == 201;
			});
		return answer.get(answer.size() - 1);
	}

	/**
	 * The sink wrote every acknowledged record, and its mirror, export and dashboard
	 * followed.
	 */
	private static void awaitSinkCaughtUp(ChildApp sink, Path data, Set<Long> acknowledged) {
		long highest = acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow();
		await("the sink caught up with the log").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> {
				JsonNode s = PipelineChecks.status(sink);
				List<Long> ids = CsvAssertions.ids(CsvAssertions.readValidCsv(data.resolve("campaigns.csv")));
				boolean sinksThere = s.at("/cluster/sinks").size() == 2;
				for (JsonNode each : s.at("/cluster/sinks")) {
					// campaign_id = offset + 1: the next offset is the highest id written
					sinksThere &= each.get("position").asLong() >= highest && each.get("lag").asLong() == 0
							&& each.get("last_error").isNull();
				}
				// the dashboard follows the database, which follows the log
				long onDashboard = json(sink.get("/api/analytics/summary")).at("/current/records").asLong();
				return !ids.isEmpty() && ids.get(ids.size() - 1) >= highest && sinksThere
						&& s.at("/powerbi/last_export_records").asLong() == ids.size() && onDashboard == ids.size();
			});
	}

	private static JsonNode json(String body) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
	}

}
