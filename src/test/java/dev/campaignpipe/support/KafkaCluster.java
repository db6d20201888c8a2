package dev.campaignpipe.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

import static org.awaitility.Awaitility.await;

/**
 * Real Kafka brokers, each its own JVM, started by {@code cluster/local-kafka.sh} from
 * Maven Central's jars: what cluster mode's failover tests kill and bring back.
 */
public final class KafkaCluster implements AutoCloseable {

	private static final Path SCRIPT = Path.of("cluster", "local-kafka.sh");

	private final Path dir;

	private final int brokers;

	private final String bootstrap;

	private KafkaCluster(Path dir, int brokers, String bootstrap) {
		this.dir = dir;
		this.brokers = brokers;
		this.bootstrap = bootstrap;
	}

	/** Formats and starts {@code brokers} brokers; returns once they take writes. */
	public static KafkaCluster start(int brokers, Path dir) throws IOException, InterruptedException {
		String output = run(Duration.ofMinutes(4), "start", Integer.toString(brokers), dir.toString());
		List<String> lines = output.lines().toList();
		String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
		if (!last.startsWith("bootstrap=")) {
			throw new IllegalStateException("the cluster did not start: " + output);
		}
		return new KafkaCluster(dir, brokers, last.substring("bootstrap=".length()));
	}

	public String bootstrap() {
		return bootstrap;
	}

	/** SIGKILL of broker {@code k} (1…N): no shutdown, no flush. */
	public void kill(int k) throws IOException, InterruptedException {
		long pid = Long.parseLong(Files.readString(dir.resolve("broker-" + k + ".pid")).trim());
		ProcessHandle.of(pid).ifPresent(process -> {
			process.destroyForcibly();
			process.onExit().join();
		});
	}

	/** Starts broker {@code k} again on its data. */
	public void restart(int k) throws IOException, InterruptedException {
		run(Duration.ofMinutes(2), "restart-broker", Integer.toString(k), dir.toString());
	}

	/**
	 * The broker that leads the topic's partition 0, asked again while the brokers are
	 * too busy to answer (CI's loaded machine timed out one call).
	 */
	public int leader(String topic) {
		int[] leader = new int[1];
		await("the leader of " + topic).atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> {
				leader[0] = partition(topic).leader().id();
				return true;
			});
		return leader[0];
	}

	/** Waits until every broker is back in the topic's in-sync replicas. */
	public void awaitAllInSync(String topic, Duration timeout) {
		await("all " + brokers + " brokers in sync on " + topic).atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> partition(topic).isr().size() == brokers);
	}

	/** The topic's settings as the brokers hold them. */
	public java.util.Map<String, String> topicConfig(String topic) throws Exception {
		try (Admin admin = admin()) {
			org.apache.kafka.common.config.ConfigResource resource = new org.apache.kafka.common.config.ConfigResource(
					org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
			java.util.Map<String, String> config = new java.util.HashMap<>();
			admin.describeConfigs(List.of(resource))
				.all()
				.get(15, TimeUnit.SECONDS)
				.get(resource)
				.entries()
				.forEach(entry -> config.put(entry.name(), entry.value()));
			return config;
		}
	}

	private Admin admin() {
		return Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				10_000));
	}

	private TopicPartitionInfo partition(String topic) throws Exception {
		try (Admin admin = admin()) {
			TopicDescription description = admin.describeTopics(Set.of(topic))
				.allTopicNames()
				.get(15, TimeUnit.SECONDS)
				.get(topic);
			TopicPartitionInfo partition = description.partitions().get(0);
			Node leader = partition.leader();
			if (leader == null) {
				throw new IllegalStateException(topic + " has no leader");
			}
			return partition;
		}
	}

	/**
	 * How many committed entries of the topic's partition 0 carry each record key (the
	 * Idempotency-Key), read from the beginning to the end.
	 */
	public java.util.Map<String, Integer> keyCounts(String topic) {
		java.util.Map<String, Object> settings = java.util.Map.of(
				org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
				org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				org.apache.kafka.common.serialization.ByteArrayDeserializer.class,
				org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
		java.util.Map<String, Integer> counts = new java.util.HashMap<>();
		org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition(topic, 0);
		try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
				settings)) {
			consumer.assign(java.util.List.of(partition));
			consumer.seekToBeginning(java.util.List.of(partition));
			long end = consumer.endOffsets(java.util.List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				for (org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record : consumer
					.poll(Duration.ofSeconds(1))) {
					if (record.key() != null) {
						counts.merge(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8), 1,
								Integer::sum);
					}
				}
			}
		}
		return counts;
	}

	@Override
	public void close() throws IOException {
		try {
			run(Duration.ofMinutes(2), "stop", dir.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while stopping the brokers", ex);
		}
	}

	private static String run(Duration timeout, String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
		command.addAll(List.of(args));
		Path output = Files.createTempFile("local-kafka", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException(
					String.join(" ", command) + " did not finish within " + timeout + ": " + Files.readString(output));
		}
		String text = Files.readString(output);
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
		}
		return text;
	}

}
