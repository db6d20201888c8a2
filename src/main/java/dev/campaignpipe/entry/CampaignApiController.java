package dev.campaignpipe.entry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.common.ApiErrors;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.Receipt;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.status.CampaignLookup;
import dev.campaignpipe.trail.TrailLog;
import dev.campaignpipe.status.Whereabouts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The campaign resource's JSON side (SPEC §10; its page is {@link EntryController}'s).
 * {@code GET /api/campaigns/{id}}: the record and where it is in the pipeline.
 * {@code POST /api/campaigns}: JSON in, the stored record with its KPIs out, once it is
 * durable. The body is read here with a hard size limit rather than bound by Spring, so
 * that every malformed body gets a field-level 400 instead of a generic error. The answer
 * is written here too, with the application's JSON mapper: this is the hottest endpoint,
 * and Spring MVC's return-value handling (handler selection, content negotiation,
 * converter lookup, an extra flush) cost more CPU per request than validating and
 * queueing the record.
 */
@RestController
class CampaignApiController {

	static final int MAX_BODY_BYTES = 64 * 1024;

	/** A client's key for one submission: its retries get the same answer (SPEC §15). */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final CampaignValidator validator;

	private final CampaignQueue queue;

	private final JsonMapper json;

	private final CampaignLookup lookup;

	private final TrailLog trail;

	private final IdempotencyKeys keys;

	CampaignApiController(CampaignValidator validator, CampaignQueue queue, JsonMapper json, CampaignLookup lookup,
			TrailLog trail, IdempotencyKeys keys) {
		this.trail = trail;
		this.keys = keys;
		this.validator = validator;
		this.queue = queue;
		this.json = json;
		this.lookup = lookup;
	}

	@GetMapping("/api/campaigns/{id}")
	ResponseEntity<Object> campaign(@PathVariable long id) {
		return lookup.where(id)
			.<ResponseEntity<Object>>map(where -> ResponseEntity.ok(CampaignView.of(where, trail.of(id))))
			.orElseGet(() -> ResponseEntity.status(404).body(ApiErrors.of("campaign_id", "no campaign with id " + id)));
	}

	@PostMapping(path = "/api/campaigns", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	void create(HttpServletRequest request, HttpServletResponse response) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > MAX_BODY_BYTES) {
			tooLarge(response);
			return;
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			// sized by Content-Length when there is one: readNBytes starts with a buffer
			// of up to
			// 8 KB for a body of ~300 bytes, a tenth of all the memory a submission
			// allocated
			body = in.readNBytes(declared >= 0 ? (int) declared + 1 : MAX_BODY_BYTES + 1);
		}
		if (body.length > MAX_BODY_BYTES) {
			tooLarge(response);
			return;
		}
		JsonCampaignReader.Result parsed = JsonCampaignReader.read(body);
		if (parsed.input() == null) {
			reply(response, HttpStatus.BAD_REQUEST, new ApiErrors(parsed.errors()));
			return;
		}
		Validation validation = validator.validate(parsed.input(), DateInput.ISO);
		if (!validation.isValid() || !parsed.errors().isEmpty()) {
			// A property of the wrong type also fails its rule ("required"); the type
			// message says more.
			Map<String, String> errors = new LinkedHashMap<>(validation.errorsByKey());
			errors.putAll(parsed.errors());
			reply(response, HttpStatus.BAD_REQUEST, new ApiErrors(errors));
			return;
		}
		String key = request.getHeader(IDEMPOTENCY_KEY);
		if (key == null) {
			Receipt receipt = queue.submit(validation.campaign(), Source.API);
			created(response, receipt.stored().id(), json.writeValueAsBytes(ApiViews.record(receipt.stored())));
			return;
		}
		String problem = IdempotencyKeys.problem(key);
		if (problem != null) {
			reply(response, HttpStatus.BAD_REQUEST, ApiErrors.of(IDEMPOTENCY_KEY, problem));
			return;
		}
		IdempotencyKeys.Claim claim = keys.claim(key, body);
		if (claim instanceof IdempotencyKeys.Replay replay) {
			response.setHeader("Idempotent-Replayed", "true");
			created(response, replay.answer().campaignId(), replay.answer().body().getBytes(StandardCharsets.UTF_8));
		}
		else if (claim instanceof IdempotencyKeys.Conflict) {
			keyReused(response);
		}
		else if (claim instanceof IdempotencyKeys.First first) {
			CampaignQueue.Keyed keyed;
			try {
				// in cluster mode the first attempt may have reached another node
				keyed = queue.submitOnce(validation.campaign(), Source.API, key, first.fingerprint());
			}
			catch (CampaignQueue.KeyReusedException ex) {
				keys.forget(first, ex);
				keyReused(response);
				return;
			}
			catch (RuntimeException ex) {
				keys.forget(first, ex);
				throw ex;
			}
			Receipt receipt = keyed.receipt();
			byte[] answer = json.writeValueAsBytes(ApiViews.record(receipt.stored()));
			keys.remember(first, receipt.stored().id(), new String(answer, StandardCharsets.UTF_8));
			if (keyed.replayed()) {
				response.setHeader("Idempotent-Replayed", "true");
			}
			created(response, receipt.stored().id(), answer);
		}
		else {
			reply(response, HttpStatus.CONFLICT, ApiErrors.of(IDEMPOTENCY_KEY,
					"the first request with this key is still being stored; retry in a moment"));
		}
	}

	private void keyReused(HttpServletResponse response) throws IOException {
		reply(response, HttpStatus.UNPROCESSABLE_CONTENT, ApiErrors.of(IDEMPOTENCY_KEY,
				"already used for a different request body; a new record needs a new key"));
	}

	private void created(HttpServletResponse response, long id, byte[] body) throws IOException {
		response.setHeader(HttpHeaders.LOCATION, "/api/campaigns/" + id);
		response.setStatus(HttpStatus.CREATED.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private void tooLarge(HttpServletResponse response) throws IOException {
		reply(response, HttpStatus.CONTENT_TOO_LARGE,
				ApiErrors.of("body", "request body is larger than " + MAX_BODY_BYTES + " bytes"));
	}

	private void reply(HttpServletResponse response, HttpStatus status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
