package dev.campaignpipe.status;

import java.util.List;

import dev.campaignpipe.cluster.SinkStatus;
import dev.campaignpipe.sync.SyncStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health's {@code database} component: on one machine the CSV mirror's state; on a
 * cluster node with the database role the log-fed sink's, degraded while it is paused.
 */
class DatabaseHealthTests {

	private static final SyncStatus MIRROR_OFF = new SyncStatus(false, 0, 0, 0, 0, null, 0, 0, null);

	private static final SyncStatus MIRROR_DOWN = new SyncStatus(true, 500, 2, 0, 0, null, 0, 0, "Connection refused");

	@Test
	void onOneMachineItIsTheMirrorOfTheCsv() {
		Health down = new DatabaseHealth(() -> MIRROR_DOWN, List::of).health();
		assertThat(down.getStatus()).isEqualTo(DatabaseHealth.DEGRADED);
		assertThat(down.getDetails()).containsEntry("error", "Connection refused").containsEntry("records_behind", 2L);
	}

	@Test
	void onAClusterNodeItIsTheDatabaseSinkThatReadsTheLog() {
		Health up = new DatabaseHealth(() -> MIRROR_OFF,
				() -> List.of(new SinkStatus("csv", 9, 0, 9, "locked"), new SinkStatus("database", 9, 3, 9, null)))
			.health();
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("fed_from", "log").containsEntry("log_entries_behind", 3L);

		Health paused = new DatabaseHealth(() -> MIRROR_OFF,
				() -> List.of(new SinkStatus("database", 9, 40, 9, "Connection refused")))
			.health();
		assertThat(paused.getStatus()).as("not 'mirror off': the log-fed database is down")
			.isEqualTo(DatabaseHealth.DEGRADED);
		assertThat(paused.getDetails()).containsEntry("error", "Connection refused");
	}

	@Test
	void aNodeWithoutTheDatabaseRoleSaysItHasNoMirror() {
		Health none = new DatabaseHealth(() -> MIRROR_OFF, () -> List.of(new SinkStatus("csv", 9, 0, 9, null)))
			.health();
		assertThat(none.getStatus()).isEqualTo(Status.UP);
		assertThat(none.getDetails()).containsEntry("mirror", "off");
	}

}
