package dev.campaignpipe.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.campaignpipe.common.WholeNumberParameter;
import dev.campaignpipe.sync.QuarantineTable.Status;

import org.springframework.util.MultiValueMap;

/**
 * Which quarantined lines to list (SPEC §13): {@code status} ({@code open}, the default,
 * {@code resolved} or {@code all}), {@code reason} (text it contains), {@code page} from
 * 0 and {@code size}. Parsed strictly: an unknown parameter or a bad value is an error
 * naming it.
 *
 * @param status {@code null} for every line
 * @param reason {@code null} for any
 */
record QuarantineQuery(Status status, String reason, int page, int size) {

	static final int MAX_SIZE = 500;

	private static final Set<String> NAMES = Set.of("status", "reason", "page", "size");

	int offset() {
		return page * size;
	}

	/** The status as the page's filter names it. */
	String statusKey() {
		return status == null ? "all" : status.key();
	}

	static QuarantineQuery parse(MultiValueMap<String, String> params, int defaultSize, Map<String, String> errors) {
		for (String name : params.keySet()) {
			if (!NAMES.contains(name)) {
				errors.put(name, "unknown parameter '" + name + "'");
			}
			else if (params.get(name).size() > 1) {
				errors.put(name, name + " may be given once");
			}
		}
		Status status = Status.OPEN;
		String given = params.getFirst("status");
		if (given != null) {
			switch (given) {
				case "open" -> status = Status.OPEN;
				case "resolved" -> status = Status.RESOLVED;
				case "all" -> status = null;
				default -> errors.put("status", "status must be open, resolved or all (got '" + given + "')");
			}
		}
		String reason = params.getFirst("reason");
		reason = reason == null || reason.isBlank() ? null : reason.strip();
		if (reason != null && reason.length() > 200) {
			errors.put("reason", "reason must be at most 200 characters");
		}
		int page = WholeNumberParameter.read(params.getFirst("page"), "page", 0, 0, 1_000_000, errors);
		int size = WholeNumberParameter.read(params.getFirst("size"), "size", defaultSize, 1, MAX_SIZE, errors);
		return new QuarantineQuery(status, reason, page, size);
	}

	/** The statuses the page's filter offers. */
	static List<String> statuses() {
		return List.of("open", "resolved", "all");
	}

}
