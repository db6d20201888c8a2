package dev.campaignpipe.entry;

import java.util.Map;

/**
 * Every error answer of the JSON API: {@code {"errors": {"field": "message"}}}, the field
 * named as in the request ({@code body} or {@code pipeline} when no field is at fault).
 */
record ApiErrors(Map<String, String> errors) {

	static ApiErrors of(String field, String message) {
		return new ApiErrors(Map.of(field, message));
	}

}
