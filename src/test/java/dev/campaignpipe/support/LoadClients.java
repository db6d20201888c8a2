package dev.campaignpipe.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrent clients posting records to the API until stopped, keeping every answer: the
 * ids acknowledged with 201, how many were refused with 503, and how many ended without
 * an answer (their outcome is unknown to the client, so a test may find them either way).
 */
public final class LoadClients implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicInteger unanswered = new AtomicInteger();

	private final AtomicInteger unexpected = new AtomicInteger();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ExecutorService threads;

	private final Duration pause;

	private LoadClients(int clients, Duration pause) {
		this.threads = Executors.newFixedThreadPool(clients);
		this.pause = pause;
	}

	/**
	 * Starts {@code clients} threads posting the worked example to {@code api} in a loop.
	 */
	public static LoadClients start(URI api, int clients) {
		return start(api, clients, Duration.ZERO);
	}

	/**
	 * As {@link #start(URI, int)}, each client pausing {@code pause} after each answer: a
	 * steady load of about {@code clients / pause} submissions a second.
	 */
	public static LoadClients start(URI api, int clients, Duration pause) {
		LoadClients load = new LoadClients(clients, pause);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(api)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(AppIntegrationTest.workedExampleJson()))
			.build();
		for (int i = 0; i < clients; i++) {
			load.threads.submit(() -> load.post(http, request));
		}
		return load;
	}

	private void post(HttpClient http, HttpRequest request) {
		while (running.get()) {
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 201) {
					acknowledged.add(JSON.readTree(response.body()).get("campaign_id").asLong());
				}
				else if (response.statusCode() == 503) {
					refused.incrementAndGet();
					Thread.sleep(20); // as a client honouring Retry-After would, only
										// sooner
				}
				else {
					unexpected.incrementAndGet();
				}
				if (!pause.isZero()) {
					Thread.sleep(pause.toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				unanswered.incrementAndGet();
			}
		}
	}

	public Set<Long> acknowledged() {
		return acknowledged;
	}

	public int refused() {
		return refused.get();
	}

	public int unanswered() {
		return unanswered.get();
	}

	/** Waits until {@code more} further records have been acknowledged. */
	public void awaitAcknowledged(int more, Duration timeout) {
		int target = acknowledged.size() + more;
		await(more + " more acknowledgements").atMost(timeout).until(() -> acknowledged.size() >= target);
	}

	/** Waits until {@code more} further submissions have been refused. */
	public void awaitRefused(int more, Duration timeout) {
		int target = refused.get() + more;
		await(more + " more refusals").atMost(timeout).until(() -> refused.get() >= target);
	}

	/**
	 * Stops the clients after their requests in flight are answered; no answer may be
	 * other than 201 or 503.
	 */
	public void stop() {
		running.set(false);
		threads.shutdown();
		try {
			assertThat(threads.awaitTermination(90, TimeUnit.SECONDS)).as("clients stopped").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			threads.shutdownNow();
		}
		assertThat(unexpected.get()).as("answers other than 201 and 503").isZero();
	}

	/** {@link #stop()}, for a test that ends early. */
	@Override
	public void close() {
		stop();
	}

}
