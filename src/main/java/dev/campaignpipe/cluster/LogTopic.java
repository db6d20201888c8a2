package dev.campaignpipe.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Creates the log's topic if it is missing (SPEC §15: the product creates it): one
 * partition, so the offset orders every submission of every entry node and campaign_id =
 * offset + 1; replicated {@code replication-factor} times, a write acknowledged once
 * {@code min-insync-replicas} copies hold it; kept forever (the log is the record of what
 * was acknowledged); each entry's time set by the broker that appends it, so the windows
 * that find repeated Idempotency-Keys ({@link KeyWindow}, {@link KeyLedger}) compare one
 * clock, not the entry nodes' clocks. Retried in the background until the cluster
 * answers.
 */
@Component
@ConditionalOnProperty(name = "pipeline.queue.kind", havingValue = "kafka")
class LogTopic implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LogTopic.class);

	private static final String APPEND_TIME = "LogAppendTime";

	private final PipelineProperties.Kafka settings;

	private final boolean autoStart;

	private volatile boolean running;

	private volatile boolean ready;

	LogTopic(PipelineProperties properties) {
		this.settings = properties.kafka();
		this.autoStart = properties.autoStart();
	}

	@Override
	public void start() {
		running = true;
		Thread thread = new Thread(this::createUntilDone, "kafka-topic");
		thread.setDaemon(true);
		thread.start();
	}

	/** Whether the topic is known to exist. */
	boolean ready() {
		return ready;
	}

	private void createUntilDone() {
		java.time.Duration backoff = java.time.Duration.ofMillis(500);
		while (running && !ready) {
			try (Admin admin = Admin.create(KafkaClients.admin(settings))) {
				NewTopic topic = new NewTopic(settings.topic(), 1, settings.replicationFactor()).configs(Map.of(
						TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()),
						TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG,
						"false", TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, APPEND_TIME));
				try {
					admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
					log.info("created the log {} (1 partition, {} replicas, min.insync.replicas {})", settings.topic(),
							settings.replicationFactor(), settings.minInsyncReplicas());
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
					warnIfEntryNodesSetTheTime(admin);
				}
				ready = true;
			}
			catch (ExecutionException ex) {
				log.warn("cannot create the log {} yet: {}", settings.topic(), ex.getCause().toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (java.util.concurrent.TimeoutException | RuntimeException ex) {
				log.warn("cannot create the log {} yet: {}", settings.topic(), ex.toString());
			}
			if (!ready) {
				Backoff.sleep(backoff, () -> running);
				backoff = Backoff.doubled(backoff, java.time.Duration.ofSeconds(5));
			}
		}
	}

	/**
	 * A topic created before (by an operator, or by an older version) may keep the
	 * producers' times: said, not changed; docs/cluster.md gives the command.
	 */
	private void warnIfEntryNodesSetTheTime(Admin admin) {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic());
		try {
			Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
			ConfigEntry type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
			if (type != null && !APPEND_TIME.equals(type.value())) {
				log.warn(
						"the log {} keeps the entry nodes' clocks ({}={}): a retried Idempotency-Key is recognised"
								+ " only while their clocks agree within minutes; set it to {} (docs/cluster.md)",
						settings.topic(), TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, type.value(), APPEND_TIME);
			}
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException ex) {
			log.debug("reading the settings of the log {}: {}", settings.topic(), ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public boolean isAutoStartup() {
		return autoStart;
	}

}
