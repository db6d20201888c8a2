package dev.campaignpipe.cluster;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Log entries to bytes and back. Its own mapper: what the log holds must not change with
 * the web API's JSON settings. Amounts stay exact (BigDecimal text both ways).
 */
final class LogCodec {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private LogCodec() {
	}

	static byte[] write(LogEntry entry) {
		return JSON.writeValueAsBytes(entry);
	}

	static LogEntry read(byte[] bytes) {
		return JSON.readValue(bytes, LogEntry.class);
	}

}
