package dev.campaignpipe.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.FileLock;
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
 * The product (its own JVM) on a real small disk that fills up under concurrent load and
 * is freed again: every record answered 201 is in the CSV, the database and the Power BI
 * export exactly once, every 503 is nowhere, no line is torn or merged, and it all
 * resumes without a restart.
 */
class FullDiskIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aDataFolderThatFillsUpUnderLoadLosesNothingAcknowledgedAndResumesByItself() throws Exception {
		Path mount = Files.createDirectories(dir.resolve("disk"));
		try (SmallDisk disk = SmallDisk.mount(mount, "24m")) {
			Path data = mount.resolve("data");
			Set<Long> acknowledged;
			int unanswered;
			try (ChildApp app = ChildApp.start(data);
					LoadClients load = LoadClients.start(app.uri("/api/campaigns"), 8)) {
				load.awaitAcknowledged(300, Duration.ofSeconds(60));
				disk.fill();
				load.awaitRefused(100, Duration.ofSeconds(60));
				// the database and the replica share the small disk and give back what a
				// failed
				// write of theirs had taken, so the writer may take a few more records
				// before it
				// refuses again: the status and the banner say so while it refuses
				await("the status and the banner say records are refused").atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> {
						assertThat(status(app).at("/csv/refusing_since").isNull()).as("status says it refuses")
							.isFalse();
						assertThat(app.get("/")).contains("class=\"banner banner-error\"")
							.contains("cannot be written")
							.contains("disk full: No space left on device")
							.contains("New records are refused");
					});
				int refusedWhileFull = load.refused();

				disk.free();
				load.awaitAcknowledged(300, Duration.ofSeconds(60));
				load.stop();
				assertThat(refusedWhileFull).isPositive();
				acknowledged = load.acknowledged();
				unanswered = load.unanswered();

				awaitCaughtUp(app, data);
				assertThat(app.get("/")).doesNotContain("cannot be written").doesNotContain("paused");
				assertThat(Files.mismatch(data.resolve("powerbi/powerbi_digital_marketing_data.csv"),
						data.resolve("campaigns.csv")))
					.as("the export is the CSV, byte for byte")
					.isEqualTo(-1L);
			}
			assertExactlyOnce(data, acknowledged, unanswered);
			assertInDatabaseExactlyAsInCsv(data, data.resolve("db/pipeline"));
			try (ChildApp restarted = ChildApp.start(data)) { // a restart finds nothing
																// to repair
				assertThat(restarted.log()).doesNotContain("torn");
			}
			assertExactlyOnce(data, acknowledged, unanswered);
		}
	}

	@Test
	void whileExcelHasTheCsvOpenAFullDiskRefusesRecordsAndTheSpoolKeepsEveryAcknowledgedOne() throws Exception {
		Path mount = Files.createDirectories(dir.resolve("disk"));
		try (SmallDisk disk = SmallDisk.mount(mount, "16m")) {
			Path data = mount.resolve("data");
			Path csv = data.resolve("campaigns.csv");
			Set<Long> acknowledged;
			int unanswered;
			try (ChildApp app = ChildApp.start(data);
					LoadClients load = LoadClients.start(app.uri("/api/campaigns"), 8)) {
				load.awaitAcknowledged(100, Duration.ofSeconds(60));
				FileLock.lock(csv);
				try {
					load.awaitAcknowledged(300, Duration.ofSeconds(60)); // into the spool
					assertThat(status(app).get("spool_size").asInt()).isPositive();
					disk.fill();
					load.awaitRefused(100, Duration.ofSeconds(60));
					disk.free();
					load.awaitAcknowledged(300, Duration.ofSeconds(60)); // into the spool
																			// again
				}
				finally {
					FileLock.unlock(csv);
				}
				load.awaitAcknowledged(300, Duration.ofSeconds(60)); // into the CSV,
																		// after the spool
				load.stop();
				acknowledged = load.acknowledged();
				unanswered = load.unanswered();
				awaitCaughtUp(app, data);
			}
			assertExactlyOnce(data, acknowledged, unanswered);
			assertInDatabaseExactlyAsInCsv(data, data.resolve("db/pipeline"));
			assertThat(Files.exists(data.resolve("state/spool.csv"))).isFalse();
		}
	}

}
