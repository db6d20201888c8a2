package dev.campaignpipe.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.IdTakenException;
import dev.campaignpipe.csv.Receipt;
import dev.campaignpipe.csv.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionsTests {

	/** Answers each submission when the test says so. */
	static final class PendingQueue implements CampaignQueue {

		final List<CompletableFuture<Receipt>> answers = new ArrayList<>();

		final List<Long> verifiedUpTo = new ArrayList<>();

		@Override
		public Receipt submit(Campaign campaign) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CompletableFuture<Integer> restate(java.util.Map<Long, Campaign> changes) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CompletableFuture<Receipt> submitAsync(Campaign campaign, Long requestedId, long verifiedFreeUpTo) {
			CompletableFuture<Receipt> answer = new CompletableFuture<>();
			answers.add(answer);
			verifiedUpTo.add(verifiedFreeUpTo);
			return answer;
		}

		@Override
		public long lastId() {
			return 0;
		}

	}

	private final PendingQueue queue = new PendingQueue();

	private final ImportProgress progress = new ImportProgress(0);

	private final Submissions submissions = new Submissions(queue, 17, progress);

	@Test
	void countsStoredAndFlaggedRecordsAsTheWriterAnswersAndKeepsRefusedRowsForTheRejects() throws Exception {
		submissions.submit(TestCampaigns.workedExample(), 1L, List.of(List.of("1", "a")), Source.imported("in.csv", 2));
		submissions.submit(TestCampaigns.workedExample().withDataQuality("clicks!"), null, List.of(List.of("2", "b")),
				Source.imported("in.csv", 3));
		submissions.submit(TestCampaigns.workedExample(), 3L, List.of(List.of("3", "c")), Source.imported("in.csv", 4));
		assertThat(queue.verifiedUpTo).containsOnly(17L);
		assertThat(submissions.nextRefusal()).isNull();

		queue.answers.get(0).complete(null);
		queue.answers.get(1).complete(null);
		queue.answers.get(2).completeExceptionally(new CompletionException(new IdTakenException(3)));
		submissions.awaitAll();

		assertThat(progress.snapshot().stored()).isEqualTo(2);
		assertThat(progress.snapshot().flagged()).isEqualTo(1);
		Submissions.Refusal refusal = submissions.nextRefusal();
		assertThat(refusal.rows()).containsExactly(List.of("3", "c"));
		assertThat(refusal.reason()).isEqualTo("campaign_id 3 is already taken (taken while importing)");
		assertThat(submissions.nextRefusal()).isNull();
	}

	@Test
	void aFailedWriteIsRefusedWithItsCause() {
		Submissions.Refusal refusal = new Submissions.Refusal(List.of(), new IllegalStateException("disk full"));
		assertThat(refusal.reason()).isEqualTo("not stored: disk full");
		assertThat(new Submissions.Refusal(List.of(), new CompletionException(new IllegalStateException("disk full")))
			.reason()).isEqualTo("not stored: disk full");
	}

}
