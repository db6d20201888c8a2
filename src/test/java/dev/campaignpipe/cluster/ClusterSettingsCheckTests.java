package dev.campaignpipe.cluster;

import java.nio.file.Path;
import java.util.Map;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.config.PipelineProperties.Role;
import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Settings of SPEC §15 that cannot work together stop the start, naming the setting. */
class ClusterSettingsCheckTests {

	private static final Path DATA = Path.of("target/cluster-settings");

	private static PipelineProperties settings(Map<String, Object> overrides) {
		return TestProperties.load(DATA, overrides);
	}

	@Test
	void aSingleMachinePlaysEveryRoleByDefault() {
		PipelineProperties properties = settings(Map.of());
		assertThat(properties.clustered()).isFalse();
		assertThat(properties.roles()).containsExactlyInAnyOrder(Role.values());
		assertThat(ClusterSettingsCheck.problem(properties)).isNull();
	}

	@Test
	void rolesNeedClusterMode() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new ClusterSettingsCheck(settings(Map.of("pipeline.roles", "entry"))))
			.withMessageContaining("pipeline.roles=[ENTRY]")
			.withMessageContaining("pipeline.queue.kind=kafka");
	}

	@Test
	void clusterModeNeedsBootstrapServers() {
		assertThat(ClusterSettingsCheck.problem(settings(Map.of("pipeline.queue.kind", "kafka"))))
			.contains("pipeline.kafka.bootstrap-servers");
	}

	@Test
	void anEntryNodeAndASinkNodeAreValid() {
		Map<String, Object> kafka = Map.of("pipeline.queue.kind", "kafka", "pipeline.kafka.bootstrap-servers",
				"127.0.0.1:9092");
		PipelineProperties entry = settings(with(kafka, "pipeline.roles", "entry"));
		assertThat(entry.clustered()).isTrue();
		assertThat(entry.runs(Role.ENTRY)).isTrue();
		assertThat(entry.runs(Role.CSV)).isFalse();
		assertThat(ClusterSettingsCheck.problem(entry)).isNull();
		assertThat(ClusterSettingsCheck.problem(settings(with(kafka, "pipeline.roles", "csv,database,export"))))
			.isNull();
		assertThat(ClusterSettingsCheck.problem(settings(with(kafka, "pipeline.roles", "entry,database,dashboard"))))
			.as("the database reads the log itself: no CSV needed on its node")
			.isNull();
	}

	@Test
	void stagesThatReadAnotherStagesOutputNeedItOnTheirNode() {
		Map<String, Object> kafka = Map.of("pipeline.queue.kind", "kafka", "pipeline.kafka.bootstrap-servers",
				"127.0.0.1:9092");
		assertThat(ClusterSettingsCheck.problem(settings(with(kafka, "pipeline.roles", "export"))))
			.contains("add the csv role");
		assertThat(ClusterSettingsCheck.problem(settings(with(kafka, "pipeline.roles", "csv,dashboard"))))
			.contains("add the database role");
	}

	private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
		Map<String, Object> all = new java.util.HashMap<>(base);
		all.put(key, value);
		return all;
	}

}
