package dev.campaignpipe.entry;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Messages for the errors Spring answers before any controller runs, where the default
 * page could only say "Error 413". Exception texts stay hidden (SPEC §11: they can name
 * paths and classes); these messages are written here for the user.
 */
@Component
class ErrorMessages extends DefaultErrorAttributes {

	private final String uploadLimit;

	ErrorMessages(Environment environment) {
		this.uploadLimit = environment.getProperty("spring.servlet.multipart.max-file-size", "512MB");
	}

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		if (Integer.valueOf(HttpStatus.CONTENT_TOO_LARGE.value()).equals(attributes.get("status"))) {
			attributes.put("message", "The file is larger than the upload limit (" + uploadLimit
					+ ", spring.servlet.multipart.max-file-size). Nothing was imported. Import a file this large from"
					+ " the command line on the server's machine: java -jar campaign-pipeline.jar import FILE");
		}
		return attributes;
	}

}
