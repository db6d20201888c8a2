package dev.campaignpipe.entry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.Validation;
import dev.campaignpipe.csv.CampaignQueue;
import dev.campaignpipe.csv.Receipt;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/campaigns} (SPEC §10): JSON in, the stored record with its KPIs out, once it
 * is durable. The body is read here with a hard size limit rather than bound by Spring, so that
 * every malformed body gets a field-level 400 instead of a generic error.
 */
@RestController
class CampaignApiController {

	static final int MAX_BODY_BYTES = 64 * 1024;

	private final CampaignValidator validator;

	private final CampaignQueue queue;

	CampaignApiController(CampaignValidator validator, CampaignQueue queue) {
		this.validator = validator;
		this.queue = queue;
	}

	@PostMapping(path = "/api/campaigns", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> create(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			return tooLarge();
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (body.length > MAX_BODY_BYTES) {
			return tooLarge();
		}
		JsonCampaignReader.Result parsed = JsonCampaignReader.read(body);
		if (parsed.input() == null) {
			return ResponseEntity.badRequest().body(Map.of("errors", parsed.errors()));
		}
		Validation validation = validator.validate(parsed.input(), DateInput.ISO);
		if (!validation.isValid() || !parsed.errors().isEmpty()) {
			// A property of the wrong type also fails its rule ("required"); the type message says more.
			Map<String, String> errors = new java.util.LinkedHashMap<>(validation.errorsByKey());
			errors.putAll(parsed.errors());
			return ResponseEntity.badRequest().body(Map.of("errors", errors));
		}
		Receipt receipt = queue.submit(validation.campaign());
		return ResponseEntity.created(URI.create("/api/campaigns/" + receipt.stored().id()))
			.body(ApiViews.record(receipt.stored()));
	}

	private static ResponseEntity<Map<String, Object>> tooLarge() {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(Map.of("errors", Map.of("body", "request body is larger than " + MAX_BODY_BYTES + " bytes")));
	}

}
