package dev.campaignpipe.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.common.ApiErrors;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.sync.QuarantineTable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quarantine's API (SPEC §13): the lines, and {@code POST
 * /api/quarantine/{id}/resolve} with {@code {"record": {…}}} (a new record through the
 * pipeline: 201) or {@code {"dismiss": true}} (200). A second resolve is 409; a record
 * that breaks a rule is 400 with a message per field and leaves the line open.
 */
@RestController
class QuarantineApiController {

	private static final int DEFAULT_SIZE = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final QuarantineTable quarantine;

	private final Repairs repairs;

	QuarantineApiController(QuarantineTable quarantine, Repairs repairs) {
		this.quarantine = quarantine;
		this.repairs = repairs;
	}

	/** One page of lines and how many match. */
	record Page(long total, int page, int size, List<Map<String, Object>> rows) {
	}

	@GetMapping("/api/quarantine")
	ResponseEntity<Object> list(@RequestParam MultiValueMap<String, String> params) {
		Map<String, String> errors = new LinkedHashMap<>();
		QuarantineQuery query = QuarantineQuery.parse(params, DEFAULT_SIZE, errors);
		if (!errors.isEmpty()) {
			return ResponseEntity.badRequest().body(new ApiErrors(errors));
		}
		return ResponseEntity.ok(new Page(quarantine.count(query.status(), query.reason()), query.page(), query.size(),
				quarantine.list(query.status(), query.reason(), query.offset(), query.size())
					.stream()
					.map(QuarantineViews::entry)
					.toList()));
	}

	@PostMapping(path = "/api/quarantine/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> resolve(@PathVariable long id, @RequestBody byte[] body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return ResponseEntity.badRequest()
				.body(ApiErrors.of("body", "request body is not valid JSON: " + ex.getOriginalMessage()));
		}
		boolean dismiss = root != null && root.isObject() && root.path("dismiss").isBoolean()
				&& root.get("dismiss").booleanValue();
		JsonNode record = root == null ? null : root.get("record");
		if (root == null || !root.isObject() || dismiss == (record != null) || root.size() != 1) {
			return ResponseEntity.badRequest()
				.body(ApiErrors.of("body",
						"request body must be {\"record\": {fields of the record}} or {\"dismiss\": true}"));
		}
		Repairs.Outcome outcome;
		if (dismiss) {
			outcome = repairs.dismiss(id);
		}
		else {
			JsonCampaignReader.Result parsed = JsonCampaignReader.read(record);
			if (parsed.input() == null || !parsed.errors().isEmpty()) {
				return ResponseEntity.badRequest().body(new ApiErrors(parsed.errors()));
			}
			outcome = repairs.fix(id, parsed.input(), Source.API);
		}
		if (outcome instanceof Repairs.Outcome.Saved saved) {
			return ResponseEntity.status(HttpStatus.CREATED)
				.header(HttpHeaders.LOCATION, "/api/campaigns/" + saved.receipt().stored().id())
				.body(ApiViews.record(saved.receipt().stored()));
		}
		if (outcome instanceof Repairs.Outcome.Dismissed dismissed) {
			return ResponseEntity.ok(QuarantineViews.entry(dismissed.entry()));
		}
		if (outcome instanceof Repairs.Outcome.Invalid invalid) {
			return ResponseEntity.badRequest().body(new ApiErrors(invalid.errors()));
		}
		if (outcome instanceof Repairs.Outcome.AlreadyResolved done) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiErrors.of("id", done.message()));
		}
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ApiErrors.of("id", "no quarantined line with id " + id));
	}

}
