package dev.campaignpipe.powerbi;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.PipelineChecks;
import dev.campaignpipe.support.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16: the export folder (a OneDrive folder) runs out of space on a real tmpfs. New
 * records are still acknowledged (they are durable in campaigns.csv, on another disk);
 * the export keeps its previous file whole, leaves no temporary file, shows its banner
 * and its metric, and catches up by itself when space returns.
 */
class ExportFullDiskIntegrationTests {

	@TempDir
	Path dir;

	private final HttpClient http = HttpClient.newHttpClient();

	private void post(ChildApp app, int records) throws Exception {
		for (int i = 0; i < records; i++) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.uri("/api/campaigns"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(AppIntegrationTest.workedExampleJson()))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("records are acknowledged while the export folder is full")
				.isEqualTo(201);
		}
	}

	private static JsonNode export(ChildApp app) throws Exception {
		return PipelineChecks.status(app).get("powerbi");
	}

	private static boolean failingMetric(ChildApp app) throws Exception {
		return app.get("/actuator/prometheus").lines().anyMatch(line -> line.startsWith("pipeline_powerbi_failing 1"));
	}

	@Test
	void aFullExportFolderKeepsThePreviousFileAndCatchesUpWhenSpaceReturns() throws Exception {
		Path mount = Files.createDirectories(dir.resolve("onedrive"));
		Path data = Files.createDirectories(dir.resolve("data"));
		try (SmallDisk disk = SmallDisk.mount(mount, "8m");
				ChildApp app = ChildApp.start(data, "--pipeline.powerbi.export-dir=" + mount,
						"--pipeline.powerbi.debounce=200ms", "--pipeline.powerbi.retry-max=2s")) {
			Path flat = mount.resolve("powerbi_digital_marketing_data.csv");
			post(app, 50);
			await("the first export").atMost(Duration.ofSeconds(30))
				.until(() -> export(app).get("last_export_records").asLong() == 50);
			byte[] before = Files.readAllBytes(flat);

			disk.fill();
			post(app, 50);
			await("the export fails and says so").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> !export(app).get("last_error").isNull() && failingMetric(app));
			assertThat(app.get("/")).as("the banner")
				.contains("The Power BI export to " + mount)
				.contains("is failing since");
			assertThat(Files.readAllBytes(flat)).as("the previous export, whole").isEqualTo(before);
			try (Stream<Path> files = Files.list(mount)) {
				assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left behind")
					.noneMatch(name -> name.endsWith(".tmp"));
			}

			disk.free();
			await("the export catches up by itself").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> export(app).get("last_error").isNull()
						&& export(app).get("last_export_records").asLong() == 100 && !failingMetric(app));
			assertThat(Files.readAllLines(flat)).hasSize(101);
		}
	}

}
