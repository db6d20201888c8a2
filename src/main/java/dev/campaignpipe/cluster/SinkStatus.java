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
}
