package dev.campaignpipe.entry;

import dev.campaignpipe.common.ApiErrors;
import dev.campaignpipe.csv.PipelineUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures of the JSON API as {@code {"errors": {...}}} with a clear message and no stack
 * trace.
 */
@RestControllerAdvice(assignableTypes = { CampaignApiController.class, QuarantineApiController.class })
class ApiErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

	@ExceptionHandler(PipelineUnavailableException.class)
	ResponseEntity<ApiErrors> unavailable(PipelineUnavailableException ex) {
		log.warn("submission not acknowledged: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "1")
			.body(ApiErrors.of("pipeline", ex.getMessage() + "; the record was not acknowledged, retry"));
	}

}
