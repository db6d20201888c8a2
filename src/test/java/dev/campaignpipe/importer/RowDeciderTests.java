package dev.campaignpipe.importer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.csvfile.RowReader;
import dev.campaignpipe.importer.RowDecision.Outcome;
import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowDeciderTests {

	private static final CampaignValidator VALIDATOR = new CampaignValidator(
			new Categories(TestProperties.load(Path.of("unused")).categories()),
			Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

	private static final RowReader COLUMNS = RowReader.fromHeaderFields(List.of(" campaign_id", "campaign_company",
			"campaign_name", "campaign_type", "marketing_channel", "ad_format", "date", "impressions", "clicks",
			"conversions", "  ad_spend  ", "device_type", "country", "audience_segment"));

	/** Line 1 of the original tool's sample, without its metric columns. */
	private static final List<String> ROW = List.of("1", "Amazon", "App Install Drive", "Leads", "Google", "Text",
			"15-10-2024", "43432", "2890", "1794", "752.33", "Mobile", "Australia", "High Intent");

	private final IdIndex taken = new IdIndex();

	private RowDecider decider(ImportOptions.OnInvalid onInvalid, ImportOptions.TakenId takenId) {
		return new RowDecider(VALIDATOR, DateInput.ISO_OR_DAY_FIRST, new ImportOptions(onInvalid, takenId), taken);
	}

	private RowDecider decider() {
		return decider(ImportOptions.OnInvalid.REJECT, ImportOptions.TakenId.REJECT);
	}

	private static RowReader.Fields row(int column, String value) {
		List<String> fields = new ArrayList<>(ROW);
		fields.set(column, value);
		return COLUMNS.read(fields);
	}

	@Test
	void aValidRowIsStoredUnderItsOwnIdAndARepeatLaterInTheFileIsADuplicate() {
		RowDecider decider = decider();
		RowDecision first = decider.decide(COLUMNS.read(ROW));
		assertThat(first.outcome()).isEqualTo(Outcome.STORE);
		assertThat(first.id()).isEqualTo(1L);
		assertThat(first.campaign().channel()).isEqualTo("Google");
		assertThat(first.campaign().dataQuality()).isEmpty();
		assertThat(taken.contains(1)).isTrue();
		assertThat(decider.decide(COLUMNS.read(ROW))).isEqualTo(RowDecision.duplicate());
	}

	@Test
	void anIdTakenByDifferentContentIsRejectedOrReassignedOnRequest() {
		taken.put(1, 42);
		assertThat(decider().decide(COLUMNS.read(ROW)))
			.isEqualTo(RowDecision.reject("campaign_id 1 is already used by a different record "
					+ "(import with --reassign-ids to store it under a new id)"));
		RowDecision reassigned = decider(ImportOptions.OnInvalid.REJECT, ImportOptions.TakenId.REASSIGN)
			.decide(COLUMNS.read(ROW));
		assertThat(reassigned.outcome()).isEqualTo(Outcome.STORE);
		assertThat(reassigned.id()).isNull();
		assertThat(taken.hash(1)).as("the stored record keeps its id").isEqualTo(42);
	}

	@Test
	void aRowWithoutAnIdGetsANewOneEveryTime() {
		RowDecider decider = decider();
		assertThat(decider.decide(row(0, " ")).id()).isNull();
		assertThat(decider.decide(row(0, "")).outcome()).isEqualTo(Outcome.STORE);
		assertThat(taken.size()).isZero();
	}

	@Test
	void anIdThatIsNoWholeNumberIsRejectedBeforeAnyRule() {
		assertThat(decider().decide(row(0, " 1e3 ")))
			.isEqualTo(RowDecision.reject("campaign_id must be a whole number (got '1e3')"));
		assertThat(decider().decide(row(0, " 7 ")).id()).isEqualTo(7L);
	}

	@Test
	void aRuleBreakingRowIsRejectedWithItsReasonsOrKeptFlaggedOnRequest() {
		RowReader.Fields tooManyClicks = row(8, "50000");
		RowDecision rejected = decider().decide(tooManyClicks);
		assertThat(rejected.outcome()).isEqualTo(Outcome.REJECT);
		assertThat(rejected.reason()).startsWith("clicks must not exceed impressions");

		RowDecision kept = decider(ImportOptions.OnInvalid.KEEP_FLAGGED, ImportOptions.TakenId.REJECT)
			.decide(tooManyClicks);
		assertThat(kept.outcome()).isEqualTo(Outcome.STORE);
		assertThat(kept.id()).isEqualTo(1L);
		assertThat(kept.campaign().dataQuality()).isEqualTo(rejected.reason());
	}

	@Test
	void aRowThatCannotBeReadIsRejectedEvenWhenFlaggedRowsAreKept() {
		RowDecision decision = decider(ImportOptions.OnInvalid.KEEP_FLAGGED, ImportOptions.TakenId.REJECT)
			.decide(row(7, "many"));
		assertThat(decision.outcome()).isEqualTo(Outcome.REJECT);
		assertThat(taken.size()).isZero();
	}

}
