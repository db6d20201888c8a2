package dev.campaignpipe.entry;

import dev.campaignpipe.common.ApiErrors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body of the wrong type, or one that is no readable JSON (deeper than 500 levels, a
 * number longer than 1,000 digits — Jackson's read limits), is refused before any
 * controller method runs, so this advice is global; only the JSON API declares a content
 * type and reads bodies, so in practice it answers API clients.
 */
@RestControllerAdvice
class MediaTypeAdvice {

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiErrors> unreadable(HttpMessageNotReadableException ex) {
		// the parser's own words for a broken document or a read limit; a body that
		// parses
		// but does not fit the request's fields is described without naming our classes
		Throwable cause = ex.getMostSpecificCause();
		String reason = (cause instanceof StreamReadException || cause instanceof StreamConstraintsException)
				? ((JacksonException) cause).getOriginalMessage() : "its fields do not have the expected types";
		return ResponseEntity.badRequest().body(ApiErrors.of("body", "request body is not valid JSON: " + reason));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ApiErrors> mediaType(HttpMediaTypeNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.body(ApiErrors.of("body", "Content-Type must be application/json"));
	}

}
