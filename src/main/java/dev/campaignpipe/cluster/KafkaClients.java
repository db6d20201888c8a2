package dev.campaignpipe.cluster;

import java.util.Map;
import java.util.Properties;

import dev.campaignpipe.config.PipelineProperties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The settings of this product's Kafka clients, in one place (docs/cluster.md). */
final class KafkaClients {

	private KafkaClients() {
	}

	static Properties admin(PipelineProperties.Kafka kafka) {
		Properties props = new Properties();
		props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		return props;
	}

	/**
	 * Acknowledged means on every in-sync replica, at least {@code min.insync.replicas}
	 * of them (acks=all); retries never duplicate (idempotence); each group of
	 * submissions is one transaction, so a group the cluster did not acknowledge is
	 * aborted and no sink (reading committed entries only) ever writes it. A group is
	 * given up within the delivery timeout, and entry answers 503 before its own request
	 * times out. A transaction left open by a killed entry node is aborted by the cluster
	 * after the transaction timeout; until then the sinks wait at it.
	 */
	static Properties producer(PipelineProperties.Kafka kafka, String transactionalId) {
		Properties props = admin(kafka);
		long delivery = kafka.deliveryTimeout().toMillis();
		long request = Math.min(5_000, Math.max(1_000, delivery / 2));
		props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
		// a transaction right after the previous one is refused while the cluster still
		// writes the previous one's markers (CONCURRENT_TRANSACTIONS); the default 100 ms
		// backoff before asking again made every acknowledgement wait ~100 ms
		props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
		props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout(kafka).toMillis());
		props.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
				(int) request, ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery,
				// concurrent submissions share a produce request, as they share an fsync
				// in local mode
				ProducerConfig.LINGER_MS_CONFIG, 1, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
		return props;
	}

	/**
	 * No consumer group: a sink assigns itself the partition and seeks to the position it
	 * keeps with its data, so nothing is committed to Kafka and no rebalance pauses it.
	 */
	/**
	 * How long the cluster lets an entry node's transaction stay open (a node that died
	 * mid-transaction holds readers back this long): above the delivery timeout, at least
	 * 15 s.
	 */
	static java.time.Duration transactionTimeout(PipelineProperties.Kafka kafka) {
		return java.time.Duration.ofMillis(Math.max(kafka.deliveryTimeout().toMillis() + 5_000, 15_000));
	}

	static Properties consumer(PipelineProperties.Kafka kafka, int maxRecords) {
		Properties props = admin(kafka);
		props.putAll(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class));
		return props;
	}

}
