package dev.campaignpipe.entry;

import dev.campaignpipe.common.ApiErrors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body of the wrong type is refused before any controller is chosen, so this advice is
 * global; only the JSON API declares a content type, so in practice it answers API
 * clients.
 */
@RestControllerAdvice
class MediaTypeAdvice {

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ApiErrors> mediaType(HttpMediaTypeNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.body(ApiErrors.of("body", "Content-Type must be application/json"));
	}

}
