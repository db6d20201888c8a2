package dev.campaignpipe.trail;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record's trail answered from runs of ids: each stage found, in order, with its time.
 */
class TrailRunsTests {

	private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

	private final TrailRuns runs = new TrailRuns();

	@Test
	void aRecordWrittenToTheCsvThenLoadedAndExported() {
		runs.add(written(10, 19, T0, "csv", "api", null, null));
		runs.add(range(TrailEntry.DATABASE, 10, 15, T0.plusMillis(40)));
		runs.add(export(T0.minusSeconds(5), T0.minusSeconds(4))); // before the record:
																	// not its export
		runs.add(export(T0.plusSeconds(2), T0.plusSeconds(3)));

		assertThat(runs.of(12)).containsExactly(new TrailStep("accepted", T0, "api", null, null),
				TrailStep.of("csv", T0), TrailStep.of("database", T0.plusMillis(40)),
				TrailStep.of("export", T0.plusSeconds(3)));
		// in the writer's batch, not yet in the database
		assertThat(runs.of(19)).extracting(TrailStep::stage).containsExactly("accepted", "csv", "export");
		assertThat(runs.of(20)).isEmpty();
	}

	@Test
	void aSpooledRecordReachesTheCsvWhenTheSpoolMoves() {
		runs.add(written(5, 6, T0, "spool", "form", null, null));
		runs.add(export(T0.plusSeconds(1), T0.plusSeconds(2))); // the CSV was locked:
																// without it

		assertThat(runs.of(5)).extracting(TrailStep::stage).containsExactly("accepted", "spooled");

		runs.add(range(TrailEntry.UNSPOOLED, 5, 6, T0.plusSeconds(30)));
		runs.add(export(T0.plusSeconds(31), T0.plusSeconds(32)));
		assertThat(runs.of(6)).containsExactly(new TrailStep("accepted", T0, "form", null, null),
				TrailStep.of("spooled", T0), TrailStep.of("csv", T0.plusSeconds(30)),
				TrailStep.of("export", T0.plusSeconds(32)));
	}

	@Test
	void anImportedRecordKnowsItsFileAndLine() {
		runs.add(written(100, 102, T0, "csv", "import", "march.csv", 7L));

		assertThat(runs.of(102).get(0)).isEqualTo(new TrailStep("accepted", T0, "import", "march.csv", 9L));
	}

	@Test
	void aRecordLoadedAgainKeepsItsFirstLoad() {
		runs.add(range(TrailEntry.DATABASE, 1, 100, T0));
		runs.add(range(TrailEntry.DATABASE, 1, 100, T0.plusSeconds(60))); // the CSV
																			// replaced,
																			// read again

		assertThat(runs.of(50)).containsExactly(TrailStep.of("database", T0));
	}

	private static TrailEntry written(long first, long last, Instant at, String location, String source, String file,
			Long line) {
		return new TrailEntry(TrailEntry.WRITTEN, first, last, at, location, source, file, line, null);
	}

	private static TrailEntry range(String stage, long first, long last, Instant at) {
		return new TrailEntry(stage, first, last, at, null, null, null, null, null);
	}

	private static TrailEntry export(Instant started, Instant finished) {
		return new TrailEntry(TrailEntry.EXPORT, null, null, finished, null, null, null, null, started);
	}

}
