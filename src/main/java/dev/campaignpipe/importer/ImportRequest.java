package dev.campaignpipe.importer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * The command line hands a local file to the running server ({@code POST /api/imports}):
 * the file's path on this machine and the import's settings.
 *
 * @param path the file to import, {@code null} when the request named none (as a string)
 * @param onInvalid {@code reject} or {@code keep-flagged}, as on the command line
 */
@JsonPropertyOrder({ "path", "on_invalid", "reassign_ids", "preset", "defaults" })
public record ImportRequest(String path, @JsonProperty("on_invalid") String onInvalid,
		@JsonProperty("reassign_ids") boolean reassignIds, String preset, Map<String, String> defaults) {

	public ImportRequest {
		preset = preset == null ? "auto" : preset;
		defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
	}

	public static ImportRequest of(Path file, ImportOptions options) {
		return new ImportRequest(file.toAbsolutePath().toString(), options.onInvalid().setting(),
				options.takenId() == ImportOptions.TakenId.REASSIGN, options.preset(), options.defaultsByName());
	}

	/**
	 * As the server reads a request, from a script as well as the command line: a path
	 * only as a string, {@code on_invalid} {@code reject} when absent (anything else that
	 * is no string matches no setting), {@code reassign_ids} only as {@code true}.
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static ImportRequest read(JsonNode body) {
		if (!body.isObject()) {
			throw new IllegalArgumentException("an import request is a JSON object");
		}
		JsonNode path = body.get("path");
		JsonNode onInvalid = body.get("on_invalid");
		JsonNode reassign = body.get("reassign_ids");
		JsonNode preset = body.get("preset");
		JsonNode defaults = body.get("defaults");
		Map<String, String> given = new LinkedHashMap<>();
		if (defaults != null && defaults.isObject()) {
			defaults.properties()
				.forEach(e -> given.put(e.getKey(),
						e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString()));
		}
		return new ImportRequest((path != null && path.isString()) ? path.stringValue() : null,
				(onInvalid == null) ? "reject"
						: (onInvalid.isString() ? onInvalid.stringValue() : onInvalid.toString()),
				reassign != null && reassign.isBoolean() && reassign.booleanValue(),
				(preset != null && preset.isString()) ? preset.stringValue() : "auto", given);
	}

}
