package dev.campaignpipe.analytics;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.sync.MirrorPosition;

/**
 * The engine alone at sizes the product cannot load quickly through its mirror (10
 * million records): builds a replica file from generated records with the real
 * {@link ReplicaStore} and times the real {@link AnalyticsQueries} of one full dashboard,
 * unfiltered and filtered. Server time without HTTP. Not a test: run it from
 * bench/replica-benchmark.sh.
 *
 * Arguments: RECORDS [ROUNDS] [MEMORY_LIMIT]
 */
public final class ReplicaBenchmark {

	private static final String[] TYPES = { "Awareness", "Conversions", "Engagement", "Leads", "Sales" };

	private static final String[] CHANNELS = { "Facebook", "Google", "Instagram", "LinkedIn", "Pinterest", "YouTube" };

	private static final String[] FORMATS = { "Carousel", "Image", "Story", "Text", "Video" };

	private static final String[] DEVICES = { "Desktop", "Mobile", "Tablet" };

	private static final String[] COUNTRIES = { "Australia", "Canada", "Germany", "India", "UK", "USA" };

	private static final String[] SEGMENTS = { "High Intent", "New Users", "Lookalike Audience", "Cold Audience",
			"Returning Users" };

	private ReplicaBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long records = Long.parseLong(args[0]);
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
		String memory = args.length > 2 ? args[2] : "160MB";
		Path dir = Files.createTempDirectory("replica-bench");
		try (ReplicaStore store = ReplicaStore.open(dir.resolve("analytics.duckdb"), memory)) {
			long t0 = System.nanoTime();
			store.rebuild(consumer -> {
				for (long id = 1; id <= records; id++) {
					consumer.accept(id, record(id));
				}
			}, new MirrorPosition(1, records), n -> {
			});
			System.out.printf(Locale.ROOT, "build: %,d records in %.1f s (%,.0f records/s), file %d MB%n", records,
					(System.nanoTime() - t0) / 1e9, records / ((System.nanoTime() - t0) / 1e9),
					Files.size(dir.resolve("analytics.duckdb")) / (1024 * 1024));
			Filters none = Filters.NONE;
			Filters some = new Filters(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30),
					Map.of(Dimension.MARKETING_CHANNEL, List.of("Google"), Dimension.DEVICE_TYPE, List.of("Mobile")));
			for (Filters filters : List.of(none, some)) {
				double[] ms = new double[rounds];
				for (int r = -2; r < rounds; r++) { // two rounds to warm up
					long q0 = System.nanoTime();
					try (Connection c = store.connect()) {
						page(c, store.dictionary(), filters);
					}
					if (r >= 0) {
						ms[r] = (System.nanoTime() - q0) / 1e6;
					}
				}
				Arrays.sort(ms);
				try (Connection c = store.connect()) {
					System.out.println("  per query (ms): " + perQuery(c, store.dictionary(), filters));
				}
				System.out.printf(Locale.ROOT, "page (%s): median %.0f ms, min %.0f, max %.0f over %d rounds%n",
						filters == none ? "no filter" : "channel + device + half a year", ms[rounds / 2], ms[0],
						ms[rounds - 1], rounds);
			}
		}
		finally {
			try (var files = Files.list(dir)) {
				for (Path f : files.toList()) {
					Files.delete(f);
				}
			}
			Files.delete(dir);
		}
	}

	/**
	 * What one full dashboard asks (the same list as bench/DashboardQueries.java), the
	 * way the API answers it: the breakdowns a cube answers from their two cubes,
	 * computed once per page.
	 */
	static List<Object> page(Connection c, ReplicaDictionary codes, Filters f) throws Exception {
		List<Object> answers = new ArrayList<>();
		Cube closed = Cube.compute(c, codes, Cube.CLOSED, f);
		Cube companies = Cube.compute(c, codes, Cube.COMPANY_DEVICE, f);
		answers.add(f.from() == null && f.to() == null ? companies.summary() : AnalyticsQueries.summary(c, codes, f));
		for (Dimension d : List.of(Dimension.MARKETING_CHANNEL, Dimension.CAMPAIGN_TYPE, Dimension.AD_FORMAT,
				Dimension.COUNTRY, Dimension.AUDIENCE_SEGMENT)) {
			answers.add(closed.breakdown(List.of(d), codes, AnalyticsController.MAX_LIMIT));
		}
		answers.add(companies.breakdown(List.of(Dimension.CAMPAIGN_COMPANY), codes, AnalyticsController.MAX_LIMIT));
		answers.add(companies.breakdown(List.of(Dimension.CAMPAIGN_COMPANY, Dimension.DEVICE_TYPE), codes, 60));
		answers.add(AnalyticsQueries.breakdown(c, codes, f, List.of(Dimension.CAMPAIGN_NAME), 200));
		answers.add(AnalyticsQueries.timeseries(c, codes, f, Grain.MONTH));
		return answers;
	}

	/** Each query of the page once, with its time. */
	static String perQuery(Connection c, ReplicaDictionary codes, Filters f) throws Exception {
		List<String> times = new ArrayList<>();
		long t = System.nanoTime();
		AnalyticsQueries.summary(c, codes, f);
		times.add(String.format(Locale.ROOT, "summary %.0f", (System.nanoTime() - t) / 1e6));
		for (Dimension d : List.of(Dimension.MARKETING_CHANNEL, Dimension.CAMPAIGN_TYPE, Dimension.AD_FORMAT,
				Dimension.COUNTRY, Dimension.AUDIENCE_SEGMENT, Dimension.CAMPAIGN_COMPANY, Dimension.CAMPAIGN_NAME)) {
			t = System.nanoTime();
			AnalyticsQueries.breakdown(c, codes, f, List.of(d), AnalyticsController.MAX_LIMIT);
			times.add(String.format(Locale.ROOT, "%s %.0f", d.parameter(), (System.nanoTime() - t) / 1e6));
		}
		for (List<Dimension> fields : List.of(Cube.CLOSED, Cube.COMPANY_DEVICE)) {
			t = System.nanoTime();
			Cube.compute(c, codes, fields, f);
			times.add(
					String.format(Locale.ROOT, "cube of %d fields %.0f", fields.size(), (System.nanoTime() - t) / 1e6));
		}
		t = System.nanoTime();
		AnalyticsQueries.timeseries(c, codes, f, Grain.MONTH);
		times.add(String.format(Locale.ROOT, "month %.0f", (System.nanoTime() - t) / 1e6));
		return String.join(", ", times);
	}

	/** The same spread as bench/gen-varied-rows.awk, without its floating-point hash. */
	static Campaign record(long id) {
		long h = (id * 2654435761L) & 0xFFFFFFFFL;
		long day = h % 730;
		LocalDate date = LocalDate.of(2023, 1, 1).plusDays(day);
		BigDecimal spend = BigDecimal.valueOf(2000 + (h >> 10) % 200_000, 2);
		BigDecimal revenue = h % 4 == 0 ? BigDecimal.valueOf((h >> 9) % 500_000, 2) : null;
		long clicks = 10 + (h >> 3) % 3000;
		return new Campaign("Company " + h % 400, "Campaign " + (h >> 4) % 2000, TYPES[(int) ((h >> 2) % 5)],
				CHANNELS[(int) ((h >> 6) % 6)], FORMATS[(int) ((h >> 8) % 5)], date, 5000 + h % 90_000, clicks,
				Math.min(clicks, (h >> 5) % 400), spend, DEVICES[(int) ((h >> 11) % 3)],
				COUNTRIES[(int) ((h >> 12) % 6)], SEGMENTS[(int) ((h >> 7) % 5)], revenue, "");
	}

}
