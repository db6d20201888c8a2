import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the dashboard's query set (what one full page asks for) through the query API, and
 * the same aggregates as SQL on the database mirror, in the same run.
 *
 * Usage: java -cp h2.jar bench/DashboardQueries.java BASE_URL [MIRROR_JDBC_URL] [ROUNDS] [FILTER]
 *   FILTER: a query string added to every API request, e.g. marketing_channel=Google
 */
public class DashboardQueries {

	static final String T = "digital_marketing_ad_performance_data";

	static final String SUMS = "COUNT(*), SUM(impressions), SUM(clicks), SUM(conversions), SUM(ad_spend), SUM(revenue)";

	/** The requests one full dashboard makes (docs/dashboard.md). */
	static final List<String> PAGE = List.of("summary?", "breakdown?by=marketing_channel&", "breakdown?by=campaign_type&",
			"breakdown?by=ad_format&", "breakdown?by=country&", "breakdown?by=campaign_company&by=device_type&limit=60&",
			"breakdown?by=audience_segment&", "breakdown?by=campaign_name&limit=200&", "breakdown?by=campaign_company&",
			"timeseries?grain=month&");

	/** The same aggregates on the mirror. */
	static final List<String> MIRROR = List.of("SELECT MIN(date), MAX(date) FROM " + T,
			"SELECT " + SUMS + " FROM " + T, dim("marketing_channel", 0), dim("campaign_type", 0), dim("ad_format", 0),
			dim("country", 0), "SELECT campaign_company, device_type, " + SUMS + " FROM " + T
					+ " GROUP BY campaign_company, device_type ORDER BY SUM(ad_spend) DESC LIMIT 60",
			dim("audience_segment", 0), dim("campaign_name", 200), dim("campaign_company", 0),
			"SELECT YEAR(date), MONTH(date), " + SUMS + " FROM " + T + " GROUP BY YEAR(date), MONTH(date)");

	static String dim(String column, int limit) {
		return "SELECT " + column + ", " + SUMS + " FROM " + T + " GROUP BY " + column + " ORDER BY SUM(ad_spend) DESC"
				+ (limit > 0 ? " LIMIT " + limit : "");
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String mirror = args.length > 1 && !args[1].isEmpty() ? args[1] : null;
		int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		String filter = args.length > 3 ? args[3] : "";
		HttpClient http = HttpClient.newHttpClient();
		long bytes = 0;
		for (int warm = 0; warm < 3; warm++) {
			bytes = page(http, base, filter);
		}
		// COLD=1: a new record reaches the replica before each page (not timed), so nothing
		// of the page before (a cube of the same filters) can be reused: what an open
		// dashboard does after a change
		boolean cold = "1".equals(System.getenv("COLD"));
		double[] ms = new double[rounds];
		double server = 0;
		for (int r = 0; r < rounds; r++) {
			if (cold) {
				addOneRecord(http, base);
			}
			double before = serverSeconds(http, base);
			long t0 = System.nanoTime();
			page(http, base, filter);
			ms[r] = (System.nanoTime() - t0) / 1e6;
			server += serverSeconds(http, base) - before;
		}
		Arrays.sort(ms);
		System.out.printf("api%s: %d requests per page, %d bytes; page time median %.1f ms, min %.1f, max %.1f (%d rounds);"
				+ " server time per page (mean) %.1f ms%n", cold ? " (cold: a new record before each page)" : "",
				PAGE.size(), bytes, ms[rounds / 2], ms[0], ms[rounds - 1], rounds, server * 1000 / rounds);
		if (mirror != null) {
			try (Connection c = DriverManager.getConnection(mirror, "sa", ""); Statement s = c.createStatement()) {
				long t0 = System.nanoTime();
				List<String> each = new ArrayList<>();
				for (String sql : MIRROR) {
					long q0 = System.nanoTime();
					try (ResultSet rs = s.executeQuery(sql)) {
						while (rs.next()) {
							// read every row
						}
					}
					each.add(String.format("%.0f", (System.nanoTime() - q0) / 1e6));
				}
				System.out.printf("mirror: same aggregates as SQL, once: %.1f ms (per query: %s ms)%n",
						(System.nanoTime() - t0) / 1e6, String.join(" ", each));
			}
		}
	}

	static final String RECORD = "{\"campaign_company\":\"Bench Cold\",\"campaign_name\":\"Cold\",\"campaign_type\":\"Leads\","
			+ "\"marketing_channel\":\"Google\",\"ad_format\":\"Text\",\"date\":\"2024-10-15\",\"impressions\":43432,"
			+ "\"clicks\":2890,\"conversions\":1794,\"ad_spend\":752.33,\"device_type\":\"Mobile\","
			+ "\"country\":\"Australia\",\"audience_segment\":\"High Intent\"}";

	/** Posts a record and waits until the replica counts it. */
	static void addOneRecord(HttpClient http, String base) throws Exception {
		long before = replicaRecords(http, base);
		HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/campaigns"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(RECORD))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (posted.statusCode() != 201) {
			throw new IllegalStateException(posted.body());
		}
		while (replicaRecords(http, base) <= before) {
			Thread.sleep(20);
		}
	}

	static long replicaRecords(HttpClient http, String base) throws Exception {
		String s = http.send(HttpRequest.newBuilder(URI.create(base + "/api/analytics/status")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		int i = s.indexOf("\"records\":");
		return Long.parseLong(s.substring(i + 10, s.indexOf(',', i)));
	}

	/** The seconds the server spent answering the query API so far (Micrometer's timer). */
	static double serverSeconds(HttpClient http, String base) throws Exception {
		String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		double sum = 0;
		for (String line : metrics.split("\n")) {
			if (line.startsWith("http_server_requests_seconds_sum{") && line.contains("uri=\"/api/analytics/")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

	static long page(HttpClient http, String base, String filter) throws Exception {
		long bytes = 0;
		for (String path : PAGE) {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/analytics/" + path + filter)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) {
				throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
			}
			bytes += r.body().length();
		}
		return bytes;
	}

}
