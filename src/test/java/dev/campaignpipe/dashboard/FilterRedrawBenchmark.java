package dev.campaignpipe.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.campaignpipe.support.Browser;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A filter change on an open dashboard, timed in headless Chromium: from the click on a
 * channel of the slicer to the next frame after every panel on screen has drawn its new
 * data (the page's {@code data-refreshes} count going up), measured in the page with
 * {@code performance.now()}. The window is tall enough to show every panel, so each
 * change redraws all of them. Not a test: run it from bench/dashboard-benchmark.sh
 * against a running product.
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
			    requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
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
		ChromeDriver driver = Browser.start(options -> options.addArguments("--window-size=1400,4200"));
		try {
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
			driver.get(base + "/dashboard");
			new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> Integer.parseInt(String.valueOf(driver
				.executeScript("return document.getElementById('dashboard').dataset.refreshes || '0'"))) >= 1);
			List<Double> on = new ArrayList<>();
			List<Double> off = new ArrayList<>();
			for (int r = -2; r < rounds; r++) { // two rounds to warm up
				double filtered = ((Number) driver.executeAsyncScript(CLICK_AND_TIME, channel)).doubleValue();
				double unfiltered = ((Number) driver.executeAsyncScript(CLICK_AND_TIME, channel)).doubleValue();
				if (r >= 0) {
					on.add(filtered);
					off.add(unfiltered);
				}
			}
			List<Double> all = new ArrayList<>(on);
			all.addAll(off);
			System.out.printf(Locale.ROOT,
					"filter redraw in Chromium (%d changes, every panel on screen): p50 %.0f ms, p95 %.0f ms, "
							+ "max %.0f ms; to %s p50 %.0f, back to all p50 %.0f%n",
					all.size(), percentile(all, 50), percentile(all, 95), percentile(all, 100), channel,
					percentile(on, 50), percentile(off, 50));
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
