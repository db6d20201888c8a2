import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How soon a new record shows on an open dashboard: posts one record at a time and times,
 * from its acknowledgement, (a) the next "changed" event on /api/analytics/events and (b) the
 * summary's record count including it (what the page shows after it refetches).
 *
 * Usage: java bench/LiveLatency.java BASE_URL [RECORDS]
 */
public class LiveLatency {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		HttpClient http = HttpClient.newHttpClient();
		LinkedBlockingQueue<Long> events = new LinkedBlockingQueue<>();
		Thread listener = new Thread(() -> {
			try {
				HttpResponse<java.io.InputStream> stream = http.send(
						HttpRequest.newBuilder(URI.create(base + "/api/analytics/events")).build(),
						HttpResponse.BodyHandlers.ofInputStream());
				BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
				for (String line; (line = lines.readLine()) != null;) {
					if (line.startsWith("event:changed")) {
						events.add(System.nanoTime());
					}
				}
			}
			catch (Exception ex) {
				// finished
			}
		});
		listener.setDaemon(true);
		listener.start();
		Thread.sleep(1500);
		String body = "{\"campaign_company\":\"Live Test\",\"campaign_name\":\"Latency\",\"campaign_type\":\"Leads\","
				+ "\"marketing_channel\":\"Google\",\"ad_format\":\"Text\",\"date\":\"2024-10-15\",\"impressions\":43432,"
				+ "\"clicks\":2890,\"conversions\":1794,\"ad_spend\":752.33,\"device_type\":\"Mobile\","
				+ "\"country\":\"Australia\",\"audience_segment\":\"High Intent\"}";
		double[] toEvent = new double[n];
		double[] toSummary = new double[n];
		for (int i = 0; i < n; i++) {
			long before = records(http, base);
			events.clear();
			HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/campaigns"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			long acked = System.nanoTime();
			if (posted.statusCode() != 201) {
				throw new IllegalStateException(posted.body());
			}
			Long event = events.poll(10, TimeUnit.SECONDS);
			toEvent[i] = event == null ? Double.NaN : (event - acked) / 1e6;
			while (records(http, base) <= before) {
				Thread.sleep(10);
			}
			toSummary[i] = (System.nanoTime() - acked) / 1e6;
			Thread.sleep(700); // apart, so each record is its own change
		}
		Arrays.sort(toEvent);
		Arrays.sort(toSummary);
		System.out.printf("records: %d; ack -> 'changed' event: median %.0f ms, max %.0f ms; ack -> in the summary: median %.0f ms, max %.0f ms%n",
				n, toEvent[n / 2], toEvent[n - 1], toSummary[n / 2], toSummary[n - 1]);
	}

	static long records(HttpClient http, String base) throws Exception {
		String s = http.send(HttpRequest.newBuilder(URI.create(base + "/api/analytics/summary?campaign_company=Live%20Test")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		int i = s.indexOf("\"records\":", s.indexOf("\"current\""));
		return Long.parseLong(s.substring(i + 10, s.indexOf(',', i)));
	}

}
