package dev.campaignpipe.entry;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JSON request body into a {@link CampaignInput}, reporting every problem of
 * shape — not JSON, not an object, unknown or duplicate properties, wrong types — as a
 * field message instead of an exception, so the API answers 400 and never 500.
 */
final class JsonCampaignReader {

	/** Beyond this many decimals (or zeros), no field can hold a number. */
	private static final int MAX_PLAIN_SCALE = 40;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final java.util.Set<CampaignField> NUMERIC = java.util.EnumSet.of(CampaignField.IMPRESSIONS,
			CampaignField.CLICKS, CampaignField.CONVERSIONS, CampaignField.AD_SPEND, CampaignField.REVENUE);

	/**
	 * @param input the fields that could be read; {@code null} when the body is not a
	 * JSON object
	 * @param errors properties that could not be read (unknown, wrong type), by name
	 */
	record Result(CampaignInput input, Map<String, String> errors) {
	}

	private JsonCampaignReader() {
	}

	static Result read(byte[] body) {
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return failure("body", "request body is not valid JSON: " + ex.getOriginalMessage());
		}
		return read(root);
	}

	/** The record's fields from a JSON object (a body, or the record inside one). */
	static Result read(JsonNode root) {
		if (root == null || !root.isObject()) {
			return failure("body", "request body must be a JSON object with the campaign fields");
		}
		Map<String, String> errors = new LinkedHashMap<>();
		CampaignInput.Builder input = CampaignInput.builder();
		for (Map.Entry<String, JsonNode> property : root.properties()) {
			CampaignField field = CampaignField.byKey(property.getKey()).orElse(null);
			if (field == null) {
				errors.put(property.getKey(), "unknown field '" + property.getKey() + "'; expected one of "
						+ java.util.Arrays.stream(CampaignField.values()).map(CampaignField::key).toList());
				continue;
			}
			JsonNode value = property.getValue();
			if (value.isNull()) {
				continue;
			}
			if (value.isString()) {
				input.set(field, value.stringValue());
			}
			else if (value.isNumber() && NUMERIC.contains(field)) {
				input.set(field, plain(value.decimalValue()));
			}
			else {
				errors.put(field.key(), field.key() + " must be " + (NUMERIC.contains(field) ? "a number" : "a string")
						+ ", not " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
			}
		}
		return new Result(input.build(), errors);
	}

	/**
	 * 1e3 and 1000.0 are the whole number 1000; 752.330 keeps its decimals for the
	 * precision check.
	 */
	private static String plain(BigDecimal number) {
		BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
		if (Math.abs((long) stripped.scale()) > MAX_PLAIN_SCALE) {
			// 1e-999999999 written out is a billion digits (it ran the server out of
			// memory): far outside every field's range, it goes to the validator as
			// written, which refuses it naming the field and its range
			return number.toString();
		}
		if (number.signum() != 0 && stripped.scale() <= 0) {
			return stripped.toPlainString();
		}
		return number.signum() == 0 ? "0" : number.toPlainString();
	}

	private static Result failure(String field, String message) {
		return new Result(null, Map.of(field, message));
	}

}
