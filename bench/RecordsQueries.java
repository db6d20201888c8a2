import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times the records explorer (SPEC §13, issue 14) as server time per request, from
 * Micrometer's timer: pages of GET /api/records in several orders and filters, first,
 * middle and last; the record page GET /campaigns/{id}; and the whole CSV download
 * (streamed: the server's memory is watched by the calling script).
 *
 * Usage: java bench/RecordsQueries.java BASE_URL [ROUNDS]
 */
public class RecordsQueries {

	static final List<String> SORTS = List.of("", "sort=ad_spend&dir=desc&", "sort=campaign_company&dir=asc&",
			"sort=ctr&dir=desc&", "sort=date&dir=asc&", "sort=roas&dir=desc&", "sort=campaign_name&dir=desc&");

	static final List<String> FILTERS = List.of("", "marketing_channel=Google&device_type=Mobile&from=2024-01-01&to=2024-06-30&",
			"q=company+17&");

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		HttpClient http = HttpClient.newHttpClient();
		for (int warm = 0; warm < 2; warm++) {
			for (String sort : SORTS) {
				get(http, base + "/api/records?" + sort);
			}
		}
		List<Double> all = new ArrayList<>();
		for (String filter : FILTERS) {
			long total = total(get(http, base + "/api/records?size=50&" + filter));
			long last = Math.max(0, (total - 1) / 50);
			List<Double> times = new ArrayList<>();
			for (int r = 0; r < rounds; r++) {
				for (String sort : SORTS) {
					for (long page : new long[] { 0, last / 2, last }) {
						times.add(timed(http, base, "/api/records?size=50&page=" + page + "&" + sort + filter, "/api/records"));
					}
				}
			}
			all.addAll(times);
			System.out.printf(Locale.ROOT, "GET /api/records [%s] %,d records match: %s%n", filter.isEmpty() ? "no filter" : filter,
					total, stats(times));
		}
		System.out.printf(Locale.ROOT, "GET /api/records, every order, filter and page: %s%n", stats(all));

		long total = total(get(http, base + "/api/records?size=1"));
		get(http, base + "/campaigns/1"); // the page's template is read and compiled on its first use
		List<Double> record = new ArrayList<>();
		for (int i = 1; i <= 20 * rounds; i++) {
			long id = Math.max(1, total * i / (20L * rounds));
			record.add(timed(http, base, "/campaigns/" + id, "/campaigns/{id}"));
		}
		System.out.printf(Locale.ROOT, "GET /campaigns/{id} (the record page): %s%n", stats(record));

		long t0 = System.nanoTime();
		long bytes = 0;
		long lines = 0;
		HttpResponse<InputStream> csv = http.send(HttpRequest.newBuilder(URI.create(base + "/api/records/csv")).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = csv.body()) {
			byte[] buffer = new byte[1 << 16];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes += n;
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
			}
		}
		System.out.printf(Locale.ROOT, "GET /api/records/csv: %,d lines (header included), %,d MB in %.1f s (%,.0f records/s)%n",
				lines, bytes >> 20, (System.nanoTime() - t0) / 1e9, (lines - 1) / ((System.nanoTime() - t0) / 1e9));
	}

	static String stats(List<Double> ms) {
		double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms, max %.1f ms over %d requests", sorted[sorted.length / 2],
				sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted[sorted.length - 1], sorted.length);
	}

	/** Server milliseconds of one request, from the timer of its URI pattern. */
	static double timed(HttpClient http, String base, String path, String uri) throws Exception {
		double before = serverSeconds(http, base, uri);
		get(http, base + path);
		return (serverSeconds(http, base, uri) - before) * 1000;
	}

	static double serverSeconds(HttpClient http, String base, String uri) throws Exception {
		String metrics = get(http, base + "/actuator/prometheus");
		double sum = 0;
		for (String line : metrics.split("\n")) {
			if (line.startsWith("http_server_requests_seconds_sum{") && line.contains("uri=\"" + uri + "\"")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

	static long total(String body) {
		int i = body.indexOf("\"total\":");
		return Long.parseLong(body.substring(i + 8, body.indexOf(',', i)));
	}

	static String get(HttpClient http, String url) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
		}
		return r.body();
	}

}
