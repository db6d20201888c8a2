package dev.campaignpipe.importer;

import java.util.Map;

/** An error answer of the hand-over API: {@code {"errors": {field: message}}}. */
record ApiErrors(Map<String, String> errors) {

	static ApiErrors of(String field, String message) {
		return new ApiErrors(Map.of(field, message));
	}

}
