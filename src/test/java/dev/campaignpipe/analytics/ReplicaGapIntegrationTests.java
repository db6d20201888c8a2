package dev.campaignpipe.analytics;

import java.time.Duration;
import java.util.List;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.sync.MirrorChanged;
import dev.campaignpipe.sync.MirrorPosition;
import dev.campaignpipe.sync.MirrorReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that hears of a change starting past its own position missed one (in cluster
 * mode: another node's sink wrote it before this node's sink started) and reads the
 * mirror again, instead of going on with a hole: it holds what the mirror holds after.
 */
class ReplicaGapIntegrationTests extends AppIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	MirrorReader mirror;

	@Test
	void aChangeStartingPastTheReplicasPositionRebuildsItFromTheMirror() throws Exception {
		assertThat(postJson("/api/campaigns", workedExampleJson()).statusCode()).isEqualTo(201);
		awaitReplicaEqualsMirror();

		// a change the replica's node never heard of came before this one
		MirrorPosition at = mirror.position();
		events.publishEvent(new MirrorChanged(new MirrorPosition(at.generation(), at.offset() + 1_000_000_000L),
				new MirrorPosition(at.generation(), at.offset() + 2_000_000_000L), List.of(), List.of()));
		// the replica applies what came at most every 500 ms: let it take this change on
		// its own, not together with the next record's
		Thread.sleep(2_000);

		// had it moved on to that position, nothing after would ever reach it
		assertThat(postJson("/api/campaigns", workedExampleJson()).statusCode()).isEqualTo(201);
		awaitReplicaEqualsMirror();
		assertThat(mirror.position().offset()).as("the mirror itself never moved there")
			.isLessThan(at.offset() + 1_000_000_000L);
	}

	private void awaitReplicaEqualsMirror() {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			JsonNode status = JSON.readTree(get("/api/analytics/status").body());
			assertThat(status.get("state").asString()).isEqualTo("ready");
			assertThat(status.get("records").asLong()).isEqualTo(mirror.count());
		});
	}

}
