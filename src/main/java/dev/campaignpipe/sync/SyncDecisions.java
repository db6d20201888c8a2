package dev.campaignpipe.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.QuarantinedLine;
import dev.campaignpipe.csvfile.SyncedRow;

/**
 * What the sync does with each converted row of a chunk, as a pure function of the row,
 * what the mirror holds for its campaign_id and what the chunk held before it. No
 * database, no file: {@link SyncBatch} reads the table, asks here, and writes the plan.
 */
final class SyncDecisions {

	/** The closed set of things a row can lead to. */
	enum Action {

		/** A campaign_id the mirror does not hold. */
		INSERT,
		/** The analyst changed the row in the CSV: its values replace the stored ones. */
		UPDATE,
		/** The same values seen in a new reading of the file: only where moves. */
		TOUCH,
		/** Loaded before from this very line of this very reading. */
		SKIP,
		/** Cannot go in: see the reason. */
		QUARANTINE

	}

	/** One row's decision; {@code reason} is set for {@link Action#QUARANTINE} only. */
	record Decision(Action action, String reason) {

		static final Decision INSERT = new Decision(Action.INSERT, null);

		static final Decision UPDATE = new Decision(Action.UPDATE, null);

		static final Decision TOUCH = new Decision(Action.TOUCH, null);

		static final Decision SKIP = new Decision(Action.SKIP, null);

		static Decision quarantine(String reason) {
			return new Decision(Action.QUARANTINE, reason);
		}

	}

	/** A chunk's rows sorted by what is done with them. */
	record Plan(List<SyncedRow> inserts, List<SyncedRow> updates, List<SyncedRow> touches,
			List<QuarantinedLine> quarantine) {

		/** Rows whose values reach the table. */
		int written() {
			return inserts.size() + updates.size();
		}

		/** The new records, as the table now holds them. */
		List<StoredCampaign> inserted() {
			return inserts.stream().map(SyncedRow::stored).toList();
		}

		/** The changed records, with their new values. */
		List<StoredCampaign> updated() {
			return updates.stream().map(SyncedRow::stored).toList();
		}

	}

	private SyncDecisions() {
	}

	/**
	 * @param known what the mirror holds for the row's campaign_id, or {@code null}
	 * @param earlierInChunk the byte offset of an earlier row of this chunk with the same
	 * campaign_id, or {@code null}
	 * @param generation the reading of the file the row belongs to
	 */
	static Decision decide(SyncedRow row, MirroredRow known, Long earlierInChunk, long generation) {
		String overflow = ColumnWidths.overflow(row.stored().campaign());
		if (overflow != null) {
			return Decision.quarantine(overflow);
		}
		long offset = row.line().offset();
		Long earlier = earlierInChunk;
		if (earlier == null && known != null && known.generation() == generation && known.offset() < offset) {
			earlier = known.offset(); // an earlier line of this reading, in an earlier
										// chunk
		}
		if (earlier != null) {
			long id = row.stored().id();
			return Decision.quarantine(
					"campaign_id " + id + " appears again; its first occurrence (at byte " + earlier + ") is kept");
		}
		if (known == null) {
			return Decision.INSERT;
		}
		if (known.isLine(generation, offset)) {
			return Decision.SKIP;
		}
		return known.hash().equals(row.hash()) ? Decision.TOUCH : Decision.UPDATE;
	}

	/**
	 * Decides every row of a chunk in file order.
	 * @param quarantined the chunk's lines that did not convert; the plan's quarantine
	 * starts with them
	 */
	static Plan plan(List<SyncedRow> rows, List<QuarantinedLine> quarantined, Map<Long, MirroredRow> existing,
			long generation) {
		Plan plan = new Plan(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(quarantined));
		Map<Long, Long> firstSeen = new HashMap<>();
		for (SyncedRow row : rows) {
			long id = row.stored().id();
			Decision decision = decide(row, existing.get(id), firstSeen.get(id), generation);
			switch (decision.action()) {
				case INSERT -> plan.inserts().add(row);
				case UPDATE -> plan.updates().add(row);
				case TOUCH -> plan.touches().add(row);
				case SKIP -> {
				}
				case QUARANTINE -> plan.quarantine().add(new QuarantinedLine(row.line(), id, decision.reason()));
			}
			if (decision.action() != Action.QUARANTINE) {
				// the first of its id in this chunk: a later one is the repeat
				firstSeen.put(id, row.line().offset());
			}
		}
		return plan;
	}

}
