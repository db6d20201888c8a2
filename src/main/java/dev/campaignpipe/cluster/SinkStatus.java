package dev.campaignpipe.cluster;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Where a sink of cluster mode is in the log.
 *
 * @param position the next offset it writes; -1 until known
 * @param lag log entries after its position; -1 while unknown
 * @param written entries this sink stored since it started (two database sinks on one
 * database share the work)
 * @param lastError why it is paused, or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SinkStatus(String sink, long position, long lag, long written, String lastError) {

	/** The sink that writes the CSV, as status and metrics name it. */
	public static final String CSV = "csv";

	/** The sink that writes the database mirror. */
	public static final String DATABASE = "database";

	/** Whether this is the database mirror's sink. */
	public boolean feedsDatabase() {
		return DATABASE.equals(sink);
	}

}
