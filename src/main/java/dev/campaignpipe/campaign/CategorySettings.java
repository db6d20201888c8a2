package dev.campaignpipe.campaign;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The closed sets of the category fields as configured ({@code pipeline.categories.*}),
 * each with its canonical values and aliases. Defined here, beside the rules that use it,
 * so that the campaign rules do not depend on the configuration package.
 */
public record CategorySettings(@DefaultValue Category campaignType, @DefaultValue Category marketingChannel,
		@DefaultValue Category adFormat, @DefaultValue Category deviceType, @DefaultValue Category country,
		@DefaultValue Category audienceSegment) {

	/**
	 * @param values canonical spellings, in the order the form lists them
	 * @param aliases alternative spelling → canonical value (matched ignoring case,
	 * spaces and punctuation)
	 */
	public record Category(@DefaultValue List<String> values, @DefaultValue Map<String, String> aliases) {
	}

}
