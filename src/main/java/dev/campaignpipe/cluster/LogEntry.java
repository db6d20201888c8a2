package dev.campaignpipe.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.csv.Source;

/**
 * One entry of the cluster's log (SPEC §15), as JSON: a new record (its campaign_id is
 * its offset + 1) or restated values of stored records.
 *
 * @param campaign the new record; {@code null} in a restatement
 * @param source where it came from, for its trail
 * @param restated records to replace by id; empty for a new record
 */
record LogEntry(Campaign campaign, Source source, List<Restated> restated) {

	LogEntry {
		restated = restated == null ? List.of() : List.copyOf(restated);
	}

	/** A stored record's restated values. */
	record Restated(long id, Campaign campaign) {
	}

	/**
	 * The campaign_id of the record an entry at {@code offset} adds: its offset in the
	 * log's single partition plus one (SPEC §15), unique and increasing.
	 */
	static long campaignId(long offset) {
		return offset + 1;
	}

	static LogEntry of(Campaign campaign, Source source) {
		return new LogEntry(campaign, source, List.of());
	}

	static LogEntry restating(Map<Long, Campaign> changes) {
		return new LogEntry(null, null,
				changes.entrySet().stream().map(change -> new Restated(change.getKey(), change.getValue())).toList());
	}

	boolean isRestatement() {
		return campaign == null;
	}

	Map<Long, Campaign> changes() {
		Map<Long, Campaign> changes = new LinkedHashMap<>();
		restated.forEach(r -> changes.put(r.id(), r.campaign()));
		return changes;
	}

}
