package dev.campaignpipe.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.campaignpipe.support.Browser;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A filter change on an open dashboard, timed in headless Chromium: from the click on a
 * channel of the slicer to the next frame after every panel on screen has drawn its new
 * data (the page's {@code data-refreshes} count going up), measured in the page with
 * {@code performance.now()}; also when the last answer arrived and how long each panel's
 * drawing took in the page's script. Only panels on screen are redrawn (the others when
 * scrolled to): {@code -Dwindow=1920,1080} (the default) is a desktop screen,
 * {@code -Dwindow=1400,4200} shows every panel. Not a test: run it against a running
 * product (docs/benchmarks.md §6).
 *
 * <p>
 * Arguments: BASE_URL [ROUNDS] [CHANNEL]
 */
public final class FilterRedrawBenchmark {

	/**
	 * Clicks the channel, then resolves with the milliseconds until the redraw's frame.
	 */
	private static final String CLICK_AND_TIME = """
			const [channel, done] = arguments;
			const root = document.getElementById('dashboard');
			const before = Number(root.dataset.refreshes || 0);
			const button = document.querySelector(`#slicer button[data-value='${channel}']`);
			const t0 = performance.now();
			const watch = new MutationObserver(() => {
			  if (Number(root.dataset.refreshes) > before) {
			    watch.disconnect();
			    requestAnimationFrame(() => setTimeout(() => {
			      const answers = performance.getEntriesByType('resource')
			        .filter((e) => e.startTime >= t0 && e.name.includes('/api/analytics/'));
			      const network = Math.max(0, ...answers.map((e) => e.responseEnd - t0));
			      const renders = performance.getEntriesByType('measure').filter((e) => e.name.startsWith('render '))
			        .map((e) => [e.name.substring(7), e.duration]);
			      performance.clearResourceTimings();
			      performance.clearMeasures();
			      done([performance.now() - t0, network, answers.length, renders]);
			    }));
			  }
			});
			watch.observe(root, { attributes: true, attributeFilter: ['data-refreshes'] });
			button.click();
			""";

	private FilterRedrawBenchmark() {
	}

	public static void main(String[] args) {
		String base = args[0];
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		String channel = args.length > 2 ? args[2] : "Google";
		String window = System.getProperty("window", "1920,1080");
		ChromeDriver driver = Browser.start(options -> options.addArguments("--window-size=" + window));
		try {
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
			driver.get(base + "/dashboard");
			new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> Integer.parseInt(String.valueOf(driver
				.executeScript("return document.getElementById('dashboard').dataset.refreshes || '0'"))) >= 1);
			List<Double> on = new ArrayList<>();
			List<Double> off = new ArrayList<>();
			List<Double> network = new ArrayList<>();
			Map<String, List<Double>> renders = new TreeMap<>();
			long requests = 0;
			for (int r = -2; r < rounds; r++) { // two rounds to warm up
				List<?> filtered = (List<?>) driver.executeAsyncScript(CLICK_AND_TIME, channel);
				List<?> unfiltered = (List<?>) driver.executeAsyncScript(CLICK_AND_TIME, channel);
				if (r >= 0) {
					on.add(((Number) filtered.get(0)).doubleValue());
					off.add(((Number) unfiltered.get(0)).doubleValue());
					network.add(((Number) filtered.get(1)).doubleValue());
					network.add(((Number) unfiltered.get(1)).doubleValue());
					requests += ((Number) filtered.get(2)).longValue() + ((Number) unfiltered.get(2)).longValue();
					for (List<?> change : List.of(filtered, unfiltered)) {
						for (Object entry : (List<?>) change.get(3)) {
							List<?> render = (List<?>) entry;
							renders.computeIfAbsent((String) render.get(0), k -> new ArrayList<>())
								.add(((Number) render.get(1)).doubleValue());
						}
					}
				}
			}
			List<Double> all = new ArrayList<>(on);
			all.addAll(off);
			System.out.printf(Locale.ROOT,
					"filter redraw in Chromium (window %s, %d changes, %.1f panels drawn each): p50 %.0f ms, p95 %.0f ms, "
							+ "max %.0f ms; to %s p50 %.0f, back to all p50 %.0f; the last answer arrived after p50 %.0f ms, "
							+ "p95 %.0f ms (%.1f requests per change)%n",
					window, all.size(), renders.values().stream().mapToInt(List::size).sum() / (double) all.size(),
					percentile(all, 50), percentile(all, 95), percentile(all, 100), channel, percentile(on, 50),
					percentile(off, 50), percentile(network, 50), percentile(network, 95),
					requests / (double) all.size());
			StringBuilder each = new StringBuilder("  drawing each panel in the page's script, p50 (ms):");
			renders
				.forEach((panel, ms) -> each.append(String.format(Locale.ROOT, " %s %.0f", panel, percentile(ms, 50))));
			System.out.println(each);
		}
		finally {
			driver.quit();
		}
	}

	private static double percentile(List<Double> values, int p) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
