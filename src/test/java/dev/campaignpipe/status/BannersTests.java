package dev.campaignpipe.status;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.campaignpipe.cluster.EntryStatus;
import dev.campaignpipe.cluster.SinkStatus;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.WriterHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode's banners (SPEC §15): a node whose log refuses submissions, a sink that is
 * paused, each said once in words, and nothing while all is well.
 */
class BannersTests {

	@TempDir
	Path dir;

	private CsvWriterService writer;

	@AfterEach
	void stop() {
		writer.stop();
	}

	@Test
	void clusterTroubleIsShownWhileItLastsAndGoneAfter() {
		writer = WriterHarness.start(dir);
		AtomicReference<EntryStatus> entry = new AtomicReference<>(new EntryStatus("campaigns", null, null));
		AtomicReference<List<SinkStatus>> sinks = new AtomicReference<>(
				List.of(new SinkStatus("csv", 10, 0, 10, null), new SinkStatus("database", 10, 0, 4, null)));
		Banners banners = new Banners(writer, () -> null, () -> null, entry::get, sinks::get);
		assertThat(banners.current()).isEmpty();

		entry.set(new EntryStatus("campaigns", Instant.parse("2026-12-01T06:00:00Z"),
				"the cluster could not acknowledge within 10000 ms"));
		sinks.set(List.of(new SinkStatus("csv", 10, 3, 10, null),
				new SinkStatus("database", 10, 3, 4, "Connection refused")));
		assertThat(banners.current()).extracting(Banner::message)
			.containsExactly("The cluster's log refuses new records since 2026-12-01T06:00:00Z (the cluster could"
					+ " not acknowledge within 10000 ms). They are not saved: enter them again in a moment. Every"
					+ " record confirmed before is safe.",
					"The database sink is paused (Connection refused). Records wait in the cluster's log and are"
							+ " written when it goes on.");
		assertThat(banners.current()).extracting(Banner::level)
			.containsExactly(Banner.Level.ERROR, Banner.Level.WARNING);

		entry.set(new EntryStatus("campaigns", null, null));
		sinks.set(List.of(new SinkStatus("csv", 13, 0, 13, null), new SinkStatus("database", 13, 0, 7, null)));
		assertThat(banners.current()).isEmpty();
	}

	@Test
	void onOneMachineThereIsNoClusterToSpeakOf() {
		writer = WriterHarness.start(dir);
		assertThat(new Banners(writer, () -> null, () -> null).current()).isEmpty();
	}

}
