package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Power BI connection file beside the export: double-click opens Power BI on the flat
 * file.
 */
final class PbidsFile {

	static final String NAME = "campaign-pipeline.pbids";

	/**
	 * The .pbids document (Power BI's data source file format), in the field order Power
	 * BI writes.
	 */
	private record Pbids(String version, List<PbidsConnection> connections) {
	}

	private record PbidsConnection(PbidsDetails details, Map<String, Object> options, String mode) {
	}

	private record PbidsDetails(String protocol, PbidsAddress address) {
	}

	private record PbidsAddress(String path) {
	}

	private static final JsonMapper PBIDS_JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	private PbidsFile() {
	}

	/** The document that opens {@code flat}, by its absolute path. */
	static String json(Path flat) {
		String path = flat.toAbsolutePath().toString();
		return PBIDS_JSON.writeValueAsString(new Pbids("0.1",
				List.of(new PbidsConnection(new PbidsDetails("file", new PbidsAddress(path)), Map.of(), null))));
	}

	/**
	 * Writes the connection file for {@code flat} into {@code folder}, unless it already
	 * says the same: an unchanged file keeps its time and is no new OneDrive version.
	 */
	static void write(Path folder, Path flat) throws IOException {
		Path target = folder.resolve(NAME);
		String json = json(flat);
		if (!Files.exists(target) || !Files.readString(target).equals(json)) {
			AtomicFile.replace(target, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
		}
	}

}
