package dev.campaignpipe.status;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import dev.campaignpipe.support.ChildApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §11: the health status is for anyone (probes), its components and details only for
 * a logged-in user.
 */
class HealthIntegrationTests {

	@TempDir
	Path dir;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> get(ChildApp app, String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void withLoginOnAnonymousCallersGetTheStatusOnlyAndAnalystsTheComponents() throws Exception {
		String analyst = "Basic "
				+ Base64.getEncoder().encodeToString("analyst:s3cret".getBytes(StandardCharsets.UTF_8));
		try (ChildApp app = ChildApp.start(dir, "--pipeline.security.password=s3cret")) {
			HttpResponse<String> anonymous = get(app, "/actuator/health", null);
			assertThat(anonymous.statusCode()).isEqualTo(200);
			assertThat(anonymous.body()).contains("\"status\":\"UP\"")
				.doesNotContain("components")
				.doesNotContain(dir.toString());
			assertThat(get(app, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
			assertThat(get(app, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);

			HttpResponse<String> loggedIn = get(app, "/actuator/health", analyst);
			assertThat(loggedIn.statusCode()).isEqualTo(200);
			assertThat(loggedIn.body()).contains("\"database\":{")
				.contains("\"records_behind\"")
				.doesNotContain("\"db\":");
		}
	}

}
