package dev.campaignpipe.csv;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The writer's meters (docs/metrics.md): records by where they went, batch sizes, append
 * time, state gauges.
 */
final class WriterMetrics {

	private final Counter csvRecords;

	private final Counter spoolRecords;

	private final DistributionSummary batchSizes;

	private final Timer appends;

	WriterMetrics(MeterRegistry meters, Queue<?> queue, Spool spool, WriterHealth health) {
		this.csvRecords = meters.counter("pipeline.csv.records", "location", "csv");
		this.spoolRecords = meters.counter("pipeline.csv.records", "location", "spool");
		this.batchSizes = DistributionSummary.builder("pipeline.csv.batch.size").register(meters);
		// append + fsync of one batch: what every submission of the batch waits for on
		// disk
		this.appends = Timer.builder("pipeline.csv.append")
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(100))
			.register(meters);
		Gauge.builder("pipeline.queue.depth", queue, Queue::size).register(meters);
		Gauge.builder("pipeline.spool.size", spool, Spool::size).register(meters);
		Gauge.builder("pipeline.csv.locked", health, h -> h.lockedSince() != null ? 1 : 0).register(meters);
		Gauge.builder("pipeline.csv.refusing", health, h -> h.isRefusing() ? 1 : 0).register(meters);
	}

	void appendTook(long nanos) {
		appends.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * A batch of {@code size} records; {@code durable} of them went to {@code location}.
	 */
	void batch(int size, Location location, int durable) {
		batchSizes.record(size);
		(location == Location.CSV ? csvRecords : spoolRecords).increment(durable);
	}

}
