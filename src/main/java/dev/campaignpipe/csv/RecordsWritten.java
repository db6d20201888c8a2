package dev.campaignpipe.csv;

import java.time.Instant;
import java.util.List;

/**
 * Published after a batch of records was made durable and acknowledged: where (the CSV,
 * or the spool while the CSV is locked), when, and where each came from. For the records'
 * trails; listeners must return at once (they run on the writer's thread).
 *
 * @param ids the records' ids, in the order written
 * @param sources each record's source, in the same order
 * @param at when the writer began writing them (made durable milliseconds later, before
 * this is published): no later stage can have seen them earlier
 */
public record RecordsWritten(List<Long> ids, List<Source> sources, Location location, Instant at) {
}
