package dev.campaignpipe.entry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.Location;
import dev.campaignpipe.csv.PipelineUnavailableException;
import dev.campaignpipe.csv.Receipt;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.status.Banners;
import dev.campaignpipe.status.CampaignLookup;
import dev.campaignpipe.support.AppIntegrationTest;
import dev.campaignpipe.support.TestProperties;
import dev.campaignpipe.trail.TrailLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Slice test of {@code POST /api/campaigns}: the controller and its advices in MockMvc,
 * the queue mocked, so every answer a client can get is pinned fast. The real thing, over
 * HTTP with the real writer, is CampaignApiIntegrationTests. Security filters are left
 * out: this is about the controller's answers, not the login.
 */
@WebMvcTest(controllers = CampaignApiController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(CampaignApiSliceTests.Rules.class)
class CampaignApiSliceTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		CampaignValidator validator() {
			Categories categories = new Categories(TestProperties.load(Path.of("unused")).categories());
			return new CampaignValidator(categories,
					Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
		}

		/** The real keys, kept in a folder of their own for each run. */
		@Bean
		IdempotencyKeys idempotencyKeys() throws java.io.IOException {
			Path data = java.nio.file.Files.createTempDirectory("idempotency-slice");
			return new IdempotencyKeys(TestProperties.load(data), Clock.systemUTC());
		}

	}

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CampaignQueue queue;

	@MockitoBean
	CampaignLookup lookup;

	@MockitoBean
	TrailLog trail;

	/**
	 * Needed by the page controllers' banner advice, which the slice loads but never
	 * applies here.
	 */
	@MockitoBean
	Banners banners;

	/** A keyed submission stores as on one machine (the interface's own behaviour). */
	@org.junit.jupiter.api.BeforeEach
	void keyedSubmissionsAsOnOneMachine() {
		when(queue.submitOnce(any(), any(), any(), any())).thenCallRealMethod();
	}

	private static final String VALID = AppIntegrationTest.workedExampleJson();

	@Test
	void aValidRecordIsAnsweredCreatedWithItsIdAndKpisOnceTheQueueHasMadeItDurable() throws Exception {
		when(queue.submit(any(), eq(Source.API)))
			.thenReturn(new Receipt(StoredCampaign.of(42, TestCampaigns.workedExample()), Location.CSV));
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.campaign_id").value(42))
			.andExpect(jsonPath("$.cost_per_click").isNumber());
	}

	@Test
	void aRuleBrokenIs400WithAMessageNamingTheFieldAndTheRuleAndNothingQueued() throws Exception {
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
			.content(VALID.replace("\"clicks\":2890", "\"clicks\":50000")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.clicks").value("clicks must not exceed impressions (43432)"));
		verify(queue, never()).submit(any(), any());
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyGetsTheSameRecordAndStoresNothingTwice() throws Exception {
		when(queue.submit(any(), eq(Source.API)))
			.thenReturn(new Receipt(StoredCampaign.of(7, TestCampaigns.workedExample()), Location.CSV));
		for (int attempt = 0; attempt < 3; attempt++) {
			mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "order-2024-10-15-a")
				.content(VALID))
				.andExpect(status().isCreated())
				.andExpect(header().string("Location", "/api/campaigns/7"))
				.andExpect(jsonPath("$.campaign_id").value(7));
		}
		verify(queue, org.mockito.Mockito.times(1)).submit(any(), any());
	}

	@Test
	void anIdempotencyKeyUsedForAnotherBodyIs422AndStoresNothing() throws Exception {
		when(queue.submit(any(), eq(Source.API)))
			.thenReturn(new Receipt(StoredCampaign.of(8, TestCampaigns.workedExample()), Location.CSV));
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "reused")
			.content(VALID)).andExpect(status().isCreated());
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "reused")
			.content(VALID.replace("\"clicks\":2890", "\"clicks\":2891")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors['Idempotency-Key']")
				.value("already used for a different request body; a new record needs a new key"));
		verify(queue, org.mockito.Mockito.times(1)).submit(any(), any());
	}

	@Test
	void aBadIdempotencyKeyIs400NamingTheHeader() throws Exception {
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "has spaces")
			.content(VALID))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors['Idempotency-Key']")
				.value("Idempotency-Key must be printable ASCII without spaces"));
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "k".repeat(256))
			.content(VALID)).andExpect(status().isBadRequest());
		verify(queue, never()).submit(any(), any());
	}

	@Test
	void aSubmissionRefusedWith503IsTriedAnewOnItsRetry() throws Exception {
		when(queue.submit(any(), eq(Source.API)))
			.thenThrow(new dev.campaignpipe.csv.PipelineUnavailableException("the cluster could not acknowledge", null))
			.thenReturn(new Receipt(StoredCampaign.of(9, TestCampaigns.workedExample()), Location.LOG));
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "after-outage")
			.content(VALID)).andExpect(status().isServiceUnavailable());
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "after-outage")
			.content(VALID)).andExpect(status().isCreated()).andExpect(jsonPath("$.campaign_id").value(9));
		verify(queue, org.mockito.Mockito.times(2)).submit(any(), any());
	}

	@Test
	void malformedJsonIs400() throws Exception {
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON).content("{\"campaign_company\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors").isMap());
	}

	@Test
	void aBodyOverTheLimitIs413() throws Exception {
		String large = "{\"campaign_company\":\"" + "x".repeat(CampaignApiController.MAX_BODY_BYTES) + "\"}";
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON).content(large))
			.andExpect(status().is(413));
		verify(queue, never()).submit(any(), any());
	}

	@Test
	void anotherMediaTypeIs415() throws Exception {
		mvc.perform(post("/api/campaigns").contentType(MediaType.TEXT_PLAIN).content(VALID))
			.andExpect(status().isUnsupportedMediaType());
	}

	@Test
	void aRecordThatCannotBeMadeDurableIs503WithRetryAfterAndTheReason() throws Exception {
		when(queue.submit(any(), eq(Source.API))).thenThrow(new PipelineUnavailableException(
				"the record could not be made durable: No space left on device", null));
		mvc.perform(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(jsonPath("$.errors.pipeline").value(
					"the record could not be made durable: No space left on device; the record was not acknowledged, retry"));
	}

}
