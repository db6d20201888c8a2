package dev.campaignpipe.analytics;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.campaignpipe.common.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The query API of SPEC §12 over the analytics replica: summary, breakdown, time series,
 * plus the replica's status and a stream of "data changed" events for open pages.
 */
@RestController
class AnalyticsController {

	/** Most groups one breakdown answers. */
	static final int MAX_LIMIT = 10_000;

	private final AnalyticsReplica replica;

	private final ReplicaEvents events;

	AnalyticsController(AnalyticsReplica replica, ReplicaEvents events) {
		this.replica = replica;
		this.events = events;
	}

	@GetMapping("/api/analytics/summary")
	ResponseEntity<Object> summary(HttpServletRequest request) throws SQLException {
		Map<String, String> errors = new LinkedHashMap<>();
		Filters filters = Filters.parse(request.getParameterMap(), Set.of(), errors);
		if (!errors.isEmpty()) {
			return badRequest(errors);
		}
		return ResponseEntity.ok(replica.summary(filters));
	}

	@GetMapping("/api/analytics/breakdown")
	ResponseEntity<Object> breakdown(HttpServletRequest request) throws SQLException {
		Map<String, String> errors = new LinkedHashMap<>();
		Filters filters = Filters.parse(request.getParameterMap(), Set.of("by", "limit"), errors);
		List<Dimension> by = new ArrayList<>();
		String[] asked = request.getParameterValues("by");
		if (asked == null || asked.length == 0 || asked.length > 2) {
			errors.put("by", "by must name one or two fields to group by");
		}
		else {
			for (String name : asked) {
				Dimension.of(name)
					.ifPresentOrElse(by::add,
							() -> errors.put("by", "by cannot group by '" + name + "'; one of " + dimensions()));
			}
			if (by.size() == 2 && by.get(0) == by.get(1)) {
				errors.put("by", "by names " + by.get(0).parameter() + " twice");
			}
		}
		int limit = limit(request.getParameterValues("limit"), errors);
		if (!errors.isEmpty()) {
			return badRequest(errors);
		}
		Optional<List<Dimension>> cube = Cube.answering(by);
		if (cube.isPresent()) {
			return ResponseEntity.ok(replica.breakdownFromCube(cube.get(), filters, by, limit));
		}
		return ResponseEntity.ok(replica.query((c, codes) -> AnalyticsQueries.breakdown(c, codes, filters, by, limit)));
	}

	@GetMapping("/api/analytics/timeseries")
	ResponseEntity<Object> timeseries(HttpServletRequest request) throws SQLException {
		Map<String, String> errors = new LinkedHashMap<>();
		Filters filters = Filters.parse(request.getParameterMap(), Set.of("grain"), errors);
		String[] asked = request.getParameterValues("grain");
		Grain grain = Grain.MONTH;
		if (asked != null) {
			grain = asked.length == 1 ? Grain.of(asked[0]).orElse(null) : null;
			if (grain == null) {
				errors.put("grain", "grain must be day, week or month");
			}
		}
		if (!errors.isEmpty()) {
			return badRequest(errors);
		}
		Grain chosen = grain;
		return ResponseEntity.ok(replica.query((c, codes) -> AnalyticsQueries.timeseries(c, codes, filters, chosen)));
	}

	@GetMapping("/api/analytics/status")
	ReplicaStatus status() {
		return replica.status();
	}

	@GetMapping("/api/analytics/events")
	SseEmitter events() {
		return events.subscribe();
	}

	@ExceptionHandler(ReplicaUnavailableException.class)
	ResponseEntity<ApiErrors> unavailable(ReplicaUnavailableException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "5")
			.body(ApiErrors.of("analytics", ex.getMessage()));
	}

	private static int limit(String[] given, Map<String, String> errors) {
		if (given == null) {
			return MAX_LIMIT;
		}
		try {
			int limit = given.length == 1 ? Integer.parseInt(given[0].strip()) : -1;
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		errors.put("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
		return MAX_LIMIT;
	}

	private static List<String> dimensions() {
		return java.util.Arrays.stream(Dimension.values()).map(Dimension::parameter).toList();
	}

	private static ResponseEntity<Object> badRequest(Map<String, String> errors) {
		return ResponseEntity.badRequest().body(new ApiErrors(errors));
	}

}
