package dev.campaignpipe.status;

import dev.campaignpipe.sync.SyncStatus;
import dev.campaignpipe.sync.SyncWorker;

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

	private final SyncWorker sync;

	DatabaseHealth(SyncWorker sync) {
		this.sync = sync;
	}

	@Override
	public Health health() {
		SyncStatus status = sync.status();
		if (!status.enabled()) {
			return Health.up().withDetail("mirror", "off").build();
		}
		Health.Builder health = status.lastError() == null ? Health.up()
				: Health.status(DEGRADED).withDetail("error", status.lastError());
		return health.withDetail("records_behind", status.recordsBehind()).build();
	}

}
