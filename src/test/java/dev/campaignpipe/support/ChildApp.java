package dev.campaignpipe.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.campaignpipe.importer.HandOverToken;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The packaged product running in its own JVM, so a test can kill it with SIGKILL
 * ({@link #kill()}) the way a power cut or a task manager would, and start it again.
 */
public final class ChildApp implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private final Path dataDir;

	private ChildApp(Process process, int port, Path log, Path dataDir) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.dataDir = dataDir;
	}

	/**
	 * Starts the jar built by {@code package} on {@code dataDir} and waits until it is
	 * healthy.
	 */
	public static ChildApp start(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
						jar().toString(), "--server.port=" + port, "--pipeline.data-dir=" + dataDir));
		command.addAll(List.of(extraArgs));
		Path log = Files.createTempFile("child-app", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ChildApp app = new ChildApp(process, port, log, dataDir);
		app.awaitHealthy(Duration.ofSeconds(90));
		return app;
	}

	/** What a start that is meant to fail printed, and its exit code. */
	public record Exit(int code, String output) {
	}

	/**
	 * Starts the jar as {@link #start} does but expects it to stop by itself (a refused
	 * start), within {@code timeout}.
	 */
	public static Exit runUntilExit(Path dataDir, Duration timeout, String... extraArgs)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
						jar().toString(), "--server.port=0", "--pipeline.data-dir=" + dataDir));
		command.addAll(List.of(extraArgs));
		Path log = Files.createTempFile("child-app", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException("still running after " + timeout + ": " + Files.readString(log));
		}
		return new Exit(process.exitValue(), Files.readString(log));
	}

	public static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(p -> p.getFileName().toString().matches("campaign-pipeline-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("run 'package' first: no jar in target/"));
		}
	}

	private void awaitHealthy(Duration timeout) throws IOException {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health")).build();
		try {
			await("the child answers its health check").atMost(timeout)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptionsInstanceOf(IOException.class) // not listening yet
				.until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException("child exited: " + Files.readString(log));
					}
					return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("child not healthy within " + timeout + ": " + Files.readString(log), ex);
		}
	}

	/** The body of a GET, for status pages and the API. */
	public String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * The token the running product wrote to its data folder, which a hand-over of a
	 * server-side path must carry ({@code POST /api/imports}), as the command line does.
	 */
	public String handOverToken() {
		return HandOverToken.read(dataDir.resolve("state"));
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	/** SIGKILL: no shutdown hook, no drain, no flush. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	/** SIGTERM: a normal shutdown. */
	@Override
	public void close() {
		process.destroy();
		try {
			process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt(); // the test is being stopped: do not leave
												// the child behind
			process.destroyForcibly();
		}
	}

	public String log() throws IOException {
		return Files.readString(log);
	}

}
