package dev.campaignpipe.status;

import java.util.List;
import java.util.function.Supplier;

import dev.campaignpipe.cluster.LogSink;
import dev.campaignpipe.cluster.SinkStatus;
import dev.campaignpipe.sync.SyncStatus;
import dev.campaignpipe.sync.SyncWorker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code database} component of {@code /actuator/health}: the mirror as the sync sees
 * it, not a separate connection test. While the database is unreachable the product still
 * takes records (the CSV is the primary), so the outage is {@link #DEGRADED}: configured
 * to leave the overall status and liveness UP and to make readiness 503 (SPEC §11,
 * application.yml).
 */
@Component("database")
class DatabaseHealth implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "the database mirror is paused; records are still saved");

	private final Supplier<SyncStatus> sync;

	/** Cluster mode: the sinks this node runs. */
	private final Supplier<List<SinkStatus>> sinks;

	DatabaseHealth(Supplier<SyncStatus> sync, Supplier<List<SinkStatus>> sinks) {
		this.sync = sync;
		this.sinks = sinks;
	}

	@Autowired
	DatabaseHealth(SyncWorker sync, ObjectProvider<LogSink> sinks) {
		this(sync::status, () -> sinks.orderedStream().filter(LogSink::isAutoStartup).map(LogSink::status).toList());
	}

	@Override
	public Health health() {
		// cluster mode: the database follows the log on the nodes with the database role
		SinkStatus fromLog = sinks.get().stream().filter(SinkStatus::feedsDatabase).findFirst().orElse(null);
		if (fromLog != null) {
			Health.Builder health = fromLog.lastError() == null ? Health.up()
					: Health.status(DEGRADED).withDetail("error", fromLog.lastError());
			return health.withDetail("fed_from", "log").withDetail("log_entries_behind", fromLog.lag()).build();
		}
		SyncStatus status = sync.get();
		if (!status.enabled()) {
			return Health.up().withDetail("mirror", "off").build();
		}
		Health.Builder health = status.lastError() == null ? Health.up()
				: Health.status(DEGRADED).withDetail("error", status.lastError());
		return health.withDetail("records_behind", status.recordsBehind()).build();
	}

}
