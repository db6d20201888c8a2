package dev.campaignpipe.csv;

import java.time.Instant;
import java.util.List;

/**
 * Published after the spooled records were moved into the CSV (it was locked, and is
 * writable again): which, and when. For the records' trails.
 */
public record SpoolMoved(List<Long> ids, Instant at) {
}
