package dev.campaignpipe.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Set;

import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.LoadClients;
import dev.campaignpipe.support.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.campaignpipe.support.PipelineChecks.assertExactlyOnce;
import static dev.campaignpipe.support.PipelineChecks.assertInDatabaseExactlyAsInCsv;
import static dev.campaignpipe.support.PipelineChecks.awaitCaughtUp;
import static dev.campaignpipe.support.PipelineChecks.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded database alone on a small disk that fills up while records keep coming
 * (the CSV is elsewhere, so they are still acknowledged): H2 closes itself on the failed
 * write, the mirror pauses and says why, and once the disk has room it reopens and
 * catches up without a restart.
 */
class DatabaseFullDiskIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void theEmbeddedDatabaseReopensAndCatchesUpOnceItsDiskHasRoomAgain() throws Exception {
		Path mount = Files.createDirectories(dir.resolve("db-disk"));
		Path data = dir.resolve("data");
		Path database = mount.resolve("pipeline");
		// room for the records that arrive meanwhile once the filler is gone: the H2 file
		// takes ~0.6 KB a record, and a fast machine acknowledges 13,000 before the
		// mirror
		// has caught up; on 8 MB its last writes at shutdown found the disk full again
		try (SmallDisk disk = SmallDisk.mount(mount, "32m")) {
			Set<Long> acknowledged;
			int unanswered;
			try (ChildApp app = ChildApp.start(data,
					"--spring.datasource.url=jdbc:h2:file:" + database
							+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
							+ "NON_KEYWORDS=DATE,MONTH,YEAR,QUARTER,VALUE;AUTO_SERVER=TRUE")) {
				LoadClients load = LoadClients.start(app.uri("/api/campaigns"), 4);
				load.awaitAcknowledged(100, Duration.ofSeconds(60));
				disk.fill();
				await("the mirror reports the full disk").atMost(Duration.ofSeconds(60))
					.until(() -> status(app).at("/sync/last_error").asString(""), e -> e.contains("No space left"));
				assertThat(app.get("/")).contains("The database mirror is paused");
				load.awaitAcknowledged(300, Duration.ofSeconds(60)); // the CSV is on
																		// another disk:
																		// still saved
				assertThat(status(app).at("/sync/records_behind").asLong()).isPositive();

				disk.free();
				load.awaitAcknowledged(100, Duration.ofSeconds(60));
				load.close();
				acknowledged = load.acknowledged();
				unanswered = load.unanswered();
				assertThat(load.refused()).as("nothing refused: only the mirror's disk was full").isZero();
				awaitCaughtUp(app, data);
				assertThat(app.get("/")).doesNotContain("paused");
				assertThat(app.get("/actuator/health")).contains("\"status\":\"UP\"");
			}
			assertExactlyOnce(data, acknowledged, unanswered);
			assertInDatabaseExactlyAsInCsv(data, database);
		}
	}

}
