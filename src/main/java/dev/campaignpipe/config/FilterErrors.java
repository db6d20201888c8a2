package dev.campaignpipe.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.campaignpipe.common.ApiErrors;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * An error the servlet filters answer themselves, before Spring MVC runs: the same
 * {@code {"errors": {field: message}}} body as every JSON API error.
 */
final class FilterErrors {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FilterErrors() {
	}

	static void send(HttpServletResponse response, int status, String field, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		JSON.writeValue(response.getWriter(), ApiErrors.of(field, message));
	}

}
