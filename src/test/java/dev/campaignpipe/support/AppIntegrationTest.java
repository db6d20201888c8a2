package dev.campaignpipe.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port with its own data folder, reached over real
 * HTTP. Subclasses share one context (and folder), so they compare with ids the server
 * returned rather than assume absolute ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AppIntegrationTest {

	protected static final Path DATA_DIR;

	static {
		try {
			DATA_DIR = Files.createTempDirectory("campaign-pipeline-it");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("pipeline.data-dir", DATA_DIR::toString);
	}

	@LocalServerPort
	protected int port;

	protected final HttpClient http = HttpClient.newHttpClient();

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	protected HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The worked example of SPEC §4 as API JSON. */
	public static String workedExampleJson() {
		return """
				{"campaign_company":"Amazon","campaign_name":"App Install Drive","campaign_type":"Leads",
				 "marketing_channel":"Google","ad_format":"Text","date":"2024-10-15","impressions":43432,
				 "clicks":2890,"conversions":1794,"ad_spend":752.33,"device_type":"Mobile","country":"Australia",
				 "audience_segment":"High Intent"}""";
	}

}
