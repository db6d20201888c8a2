package dev.campaignpipe.sync;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.csvfile.CsvLine;
import dev.campaignpipe.csvfile.QuarantinedLine;
import dev.campaignpipe.csvfile.SyncedRow;
import dev.campaignpipe.sync.SyncDecisions.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync's decision table (SPEC §7): what a converted row leads to, given what the
 * mirror holds for its campaign_id and what came earlier in the chunk.
 */
class SyncDecisionsTests {

	private static final long GENERATION = 3;

	private static SyncedRow row(long id, String hash, long offset) {
		return new SyncedRow(StoredCampaign.of(id, TestCampaigns.workedExample()), hash,
				new CsvLine(offset, offset / 100 + 2, "line at " + offset));
	}

	static Stream<Arguments> table() {
		return Stream.of(
				// what the row is, what the mirror holds, earlier in this chunk -> action
				Arguments.of("an id the mirror does not hold", row(7, "h1", 500), null, null, Action.INSERT, null),
				Arguments.of("this very line of this reading, loaded before", row(7, "h1", 500),
						new MirroredRow("h1", GENERATION, 500), null, Action.SKIP, null),
				Arguments.of("same line, same reading, the hash differs all the same", row(7, "h2", 500),
						new MirroredRow("h1", GENERATION, 500), null, Action.SKIP, null),
				Arguments.of("same values, seen in an earlier reading", row(7, "h1", 500),
						new MirroredRow("h1", GENERATION - 1, 500), null, Action.TOUCH, null),
				Arguments.of("same values, later in the same reading after a rewrite moved it", row(7, "h1", 400),
						new MirroredRow("h1", GENERATION, 900), null, Action.TOUCH, null),
				Arguments.of("the analyst changed the values", row(7, "h2", 500),
						new MirroredRow("h1", GENERATION - 1, 500), null, Action.UPDATE, null),
				Arguments.of("changed values, this reading, an offset after the stored line", row(7, "h2", 900),
						new MirroredRow("h1", GENERATION, 500), null, Action.QUARANTINE,
						"campaign_id 7 appears again; its first occurrence (at byte 500) is kept"),
				Arguments.of("the id came earlier in this chunk", row(7, "h1", 900), null, 300L, Action.QUARANTINE,
						"campaign_id 7 appears again; its first occurrence (at byte 300) is kept"),
				Arguments.of("earlier in the chunk wins over the stored line", row(7, "h1", 900),
						new MirroredRow("h1", GENERATION, 100), 300L, Action.QUARANTINE,
						"campaign_id 7 appears again; its first occurrence (at byte 300) is kept"));
	}

	@ParameterizedTest(name = "{0} -> {4}")
	@MethodSource("table")
	void decidesEachRowFromTheMirrorAndTheChunk(String description, SyncedRow row, MirroredRow known, Long earlier,
			Action action, String reason) {
		SyncDecisions.Decision decision = SyncDecisions.decide(row, known, earlier, GENERATION);

		assertThat(decision.action()).as(description).isEqualTo(action);
		assertThat(decision.reason()).as(description).isEqualTo(reason);
	}

	@Test
	void aRecordTooLongForTheTableIsQuarantinedWhateverTheMirrorHolds() {
		StoredCampaign longName = StoredCampaign.of(9, TestCampaigns.withCompany("x".repeat(401)));
		SyncedRow row = new SyncedRow(longName, "h", new CsvLine(0, 2, "…"));

		SyncDecisions.Decision decision = SyncDecisions.decide(row, null, null, GENERATION);

		assertThat(decision.action()).isEqualTo(Action.QUARANTINE);
		assertThat(decision.reason())
			.isEqualTo("campaign_company is 401 characters long; the database column holds at most 400");
	}

	@Test
	void aChunkIsSortedInFileOrderAndOnlyKeptRowsHoldTheirIdsPlace() {
		QuarantinedLine unreadable = new QuarantinedLine(new CsvLine(0, 2, "garbage"), null, "not a valid CSV line");
		SyncedRow fresh = row(1, "a", 100);
		SyncedRow changed = row(2, "b-new", 200);
		SyncedRow same = row(3, "c", 300);
		SyncedRow again = row(1, "a", 400);
		SyncedRow tooLong = new SyncedRow(StoredCampaign.of(4, TestCampaigns.withCompany("y".repeat(401))), "d",
				new CsvLine(500, 7, "long"));
		SyncedRow afterTooLong = row(4, "d", 600);
		Map<Long, MirroredRow> mirror = Map.of(2L, new MirroredRow("b-old", GENERATION - 1, 200), 3L,
				new MirroredRow("c", GENERATION - 1, 300));

		SyncDecisions.Plan plan = SyncDecisions.plan(List.of(fresh, changed, same, again, tooLong, afterTooLong),
				List.of(unreadable), mirror, GENERATION);

		assertThat(plan.inserts()).containsExactly(fresh, afterTooLong);
		assertThat(plan.updates()).containsExactly(changed);
		assertThat(plan.touches()).containsExactly(same);
		assertThat(plan.quarantine()).extracting(QuarantinedLine::reason)
			.containsExactly("not a valid CSV line",
					"campaign_id 1 appears again; its first occurrence (at byte 100) is kept",
					"campaign_company is 401 characters long; the database column holds at most 400");
		assertThat(plan.quarantine()).extracting(QuarantinedLine::campaignId).containsExactly(null, 1L, 4L);
		assertThat(plan.written()).isEqualTo(3);
	}

}
