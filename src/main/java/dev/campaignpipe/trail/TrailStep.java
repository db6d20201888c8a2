package dev.campaignpipe.trail;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stage of a record's way through the pipeline (SPEC §13): {@code accepted} (with its
 * source: {@code form}, {@code api}, or {@code import} with the file and line),
 * {@code spooled}, {@code csv}, {@code database}, {@code export}, each with its time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrailStep(String stage, Instant at, String source, String file, Long line) {

	static TrailStep of(String stage, Instant at) {
		return new TrailStep(stage, at, null, null, null);
	}

}
