package dev.campaignpipe.trail;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the trail file: a run of consecutive ids that passed a stage together (a
 * batch of the writer, of the spool's move, of the sync), or one export.
 *
 * @param stage {@code written} (with {@code location} and the source), {@code unspooled},
 * {@code database} or {@code export}
 * @param first the run's first id (not for an export)
 * @param last its last id
 * @param line for an import, the line of the file the run's first record starts on; the
 * run's records are on consecutive lines
 * @param started for an export, when it began reading the CSV
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TrailEntry(String stage, Long first, Long last, Instant at, String location, String source, String file,
		Long line, Instant started) {

	static final String WRITTEN = "written";

	static final String UNSPOOLED = "unspooled";

	static final String DATABASE = "database";

	static final String EXPORT = "export";

	boolean covers(long id) {
		return first != null && first <= id && id <= last;
	}

}
