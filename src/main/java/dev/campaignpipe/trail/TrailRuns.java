package dev.campaignpipe.trail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every trail entry in memory, by stage and first id, answering one record's trail from a
 * handful of map lookups. Runs keep it small: a batch of consecutive ids from one source
 * is one entry, so a million records written by the API at full speed are a few thousand
 * entries. Safe for the writer's, the sync's and the export's threads at once.
 */
final class TrailRuns {

	private final NavigableMap<Long, TrailEntry> written = new ConcurrentSkipListMap<>();

	private final NavigableMap<Long, TrailEntry> unspooled = new ConcurrentSkipListMap<>();

	private final NavigableMap<Long, TrailEntry> database = new ConcurrentSkipListMap<>();

	/** Exports by the time they started reading the CSV. */
	private final NavigableMap<Instant, TrailEntry> exports = new ConcurrentSkipListMap<>();

	void add(TrailEntry entry) {
		switch (entry.stage()) {
			case TrailEntry.WRITTEN -> written.putIfAbsent(entry.first(), entry);
			case TrailEntry.UNSPOOLED -> unspooled.putIfAbsent(entry.first(), entry);
			// a record is inserted once; a CSV replaced and read again inserts it again
			case TrailEntry.DATABASE -> {
				if (find(database, entry.first()) == null) {
					database.putIfAbsent(entry.first(), entry);
				}
			}
			case TrailEntry.EXPORT -> exports.putIfAbsent(entry.started(), entry);
			default -> {
				// a stage of a later version: its line is kept, this version skips it
			}
		}
	}

	/** The stages the record passed that are on record, in order. */
	List<TrailStep> of(long id) {
		List<TrailStep> steps = new ArrayList<>();
		TrailEntry write = find(written, id);
		Instant inCsv = null;
		if (write != null) {
			Long line = write.line() == null ? null : write.line() + (id - write.first());
			steps.add(new TrailStep("accepted", write.at(), write.source(), write.file(), line));
			if ("spool".equals(write.location())) {
				steps.add(TrailStep.of("spooled", write.at()));
				TrailEntry moved = find(unspooled, id);
				inCsv = moved == null ? null : moved.at();
			}
			else {
				inCsv = write.at();
			}
		}
		if (inCsv != null) {
			steps.add(TrailStep.of("csv", inCsv));
		}
		TrailEntry loaded = find(database, id);
		if (loaded != null) {
			steps.add(TrailStep.of("database", loaded.at()));
		}
		if (inCsv != null) {
			// the first export that read the CSV after the record was in it
			Map.Entry<Instant, TrailEntry> export = exports.ceilingEntry(inCsv);
			if (export != null) {
				steps.add(TrailStep.of("export", export.getValue().at()));
			}
		}
		return steps;
	}

	int size() {
		return written.size() + unspooled.size() + database.size() + exports.size();
	}

	private static TrailEntry find(NavigableMap<Long, TrailEntry> runs, long id) {
		Map.Entry<Long, TrailEntry> floor = runs.floorEntry(id);
		return floor != null && floor.getValue().covers(id) ? floor.getValue() : null;
	}

}
