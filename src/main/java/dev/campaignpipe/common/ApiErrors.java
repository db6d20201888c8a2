package dev.campaignpipe.common;

import java.util.Map;

/**
 * Every error answer of the product's JSON APIs: {@code {"errors": {"field":
 * "message"}}}, the field named as in the request ({@code body}, {@code pipeline} or the
 * like when no field is at fault).
 */
public record ApiErrors(Map<String, String> errors) {

	public static ApiErrors of(String field, String message) {
		return new ApiErrors(Map.of(field, message));
	}

}
