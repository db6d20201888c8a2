package dev.campaignpipe.entry;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.sync.QuarantineTable.Entry;
import dev.campaignpipe.sync.QuarantineTable.Status;

/** The JSON of a quarantined line (SPEC §13), and what a second resolve is told. */
final class QuarantineViews {

	private QuarantineViews() {
	}

	static Map<String, Object> entry(Entry entry) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", entry.id());
		json.put("line", entry.lineNumber());
		json.put("raw", entry.raw());
		json.put("reason", entry.reason());
		json.put("status", entry.status().key());
		json.put("resolution", entry.resolution() == null ? null : entry.resolution().key());
		json.put("campaign_id", entry.campaignId());
		json.put("quarantined_at", entry.quarantinedAt().toString());
		json.put("resolved_at", entry.resolvedAt() == null ? null : entry.resolvedAt().toString());
		return json;
	}

	static String alreadyResolved(Entry entry) {
		String line = "Quarantined line " + entry.lineNumber() + " (id " + entry.id() + ")";
		if (entry.status() == Status.OPEN) {
			return line + " is being fixed by another request this moment. Nothing was changed.";
		}
		String how = entry.campaignId() != null ? "fixed as campaign " + entry.campaignId() : "dismissed";
		return line + " is resolved already: " + how + ". Nothing was changed.";
	}

}
