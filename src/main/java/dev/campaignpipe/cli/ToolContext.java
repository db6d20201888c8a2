package dev.campaignpipe.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.campaignpipe.CampaignPipelineApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The product's configuration and components for a command-line tool, without the web
 * server and without starting the writer, sync or export until the tool asks for them.
 */
final class ToolContext {

	private ToolContext() {
	}

	static ConfigurableApplicationContext open(List<String> settings) {
		List<String> args = new ArrayList<>(settings);
		args.add("--pipeline.auto-start=false");
		return new SpringApplicationBuilder(CampaignPipelineApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=WARN", "logging.level.org.flywaydb=ERROR")
			.run(args.toArray(String[]::new));
	}

	/**
	 * The settings alone (application.yml, profiles, environment, command line), without
	 * creating a single component: deciding whether a server runs must not open (or
	 * create) a database.
	 */
	static Environment settings(List<String> settings) {
		try (ConfigurableApplicationContext empty = new SpringApplicationBuilder(NoComponents.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=WARN")
			.run(settings.toArray(String[]::new))) {
			return empty.getEnvironment();
		}
	}

	/** A configuration without components, for {@link #settings}. */
	@Configuration(proxyBeanMethods = false)
	static class NoComponents {

	}

	/**
	 * The running server's base URL if one answers for these settings, else {@code null}.
	 */
	static String runningServer(Environment environment) {
		String address = environment.getProperty("server.address", "127.0.0.1");
		String port = environment.getProperty("server.port", "8080");
		String base = "http://" + ("0.0.0.0".equals(address) ? "127.0.0.1" : address) + ":" + port;
		try {
			HttpResponse<String> health = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(1))
				.build()
				.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
					.timeout(Duration.ofSeconds(3))
					.build(), HttpResponse.BodyHandlers.ofString());
			return health.statusCode() < 500 || health.body().contains("\"status\"") ? base : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

}
