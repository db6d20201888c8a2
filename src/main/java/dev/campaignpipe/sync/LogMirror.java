package dev.campaignpipe.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvLine;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.csvfile.QuarantinedLine;
import dev.campaignpipe.csvfile.SyncedRow;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database mirror fed from cluster mode's log (SPEC §15) rather than from a CSV. A
 * batch of log entries is written with the log position after it in one transaction, so
 * the stored position is exactly where the rows end: after a crash the sink reads on from
 * it and writes nothing twice. The position row is locked for the transaction and moved
 * by compare-and-set, so two sinks on one database take turns and a batch another one
 * already wrote is refused ({@link LogPositionMovedException}). Rows keep the mirror's
 * layout (content hash, and the log offset where a CSV would give a byte position);
 * entries that cannot go in are quarantined with their reason, as the CSV sync does.
 * After each commit a {@link MirrorChanged} tells the replica and the trail, as the CSV
 * sync does.
 */
@Component
public class LogMirror {

	/**
	 * The "reading" of a log-fed mirror: a log is never replaced, so there is one, and
	 * {@link MirrorPosition}'s offset is the next log offset.
	 */
	static final long LOG_GENERATION = 0;

	/** One entry of the log, as the sink decoded it. */
	public record Entry(long offset, List<StoredCampaign> records, boolean restatement, String text, String problem) {

		/** A new record; its campaign_id comes from the log. */
		public static Entry added(long offset, StoredCampaign record, String text) {
			return new Entry(offset, List.of(record), false, text, null);
		}

		/** Stored records' new values. */
		public static Entry restated(long offset, List<StoredCampaign> records, String text) {
			return new Entry(offset, List.copyOf(records), true, text, null);
		}

		/** An entry the sink could not read: quarantined with {@code problem}. */
		public static Entry unreadable(long offset, String text, String problem) {
			return new Entry(offset, List.of(), false, text, problem);
		}

	}

	/** What to do with a batch: rows to insert, rows to update, entries to quarantine. */
	record Plan(List<SyncedRow> inserts, List<SyncedRow> updates, List<QuarantinedLine> quarantine) {

		List<StoredCampaign> inserted() {
			return inserts.stream().map(SyncedRow::stored).toList();
		}

		List<StoredCampaign> updated() {
			return updates.stream().map(SyncedRow::stored).toList();
		}

	}

	private final CampaignTable table;

	private final QuarantineTable quarantine;

	private final LogPositionStore positions;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	LogMirror(CampaignTable table, QuarantineTable quarantine, LogPositionStore positions,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events) {
		this.table = table;
		this.quarantine = quarantine;
		this.positions = positions;
		this.transactions = new TransactionTemplate(transactionManager);
		this.events = events;
	}

	/**
	 * The next offset of {@code topic} this database needs.
	 * @throws IllegalStateException if it holds another topic or mirrors a CSV
	 */
	public long next(String topic) {
		return positions.next(topic);
	}

	/**
	 * Writes the entries from offset {@code from} up to {@code next} (exclusive) and the
	 * new position, in one transaction, then tells the replica and the trail.
	 * @throws LogPositionMovedException if the database is not at {@code from} (nothing
	 * is written)
	 */
	public MirrorChanged write(long from, List<Entry> entries, long next) {
		MirrorChanged change = transactions.execute(tx -> {
			positions.lock(from);
			List<Long> ids = entries.stream().flatMap(e -> e.records().stream()).map(StoredCampaign::id).toList();
			Plan plan = plan(entries, table.existing(ids));
			table.insert(plan.inserts(), LOG_GENERATION);
			table.update(plan.updates(), LOG_GENERATION);
			quarantine.add(plan.quarantine(), LOG_GENERATION);
			positions.move(next);
			return change(from, next, plan);
		});
		// also when it holds no record (only quarantine, only repeats): copies follow
		// the position without a gap
		events.publishEvent(change);
		return change;
	}

	/**
	 * Tells the replica and the trail what another sink on the same database wrote for
	 * these entries (a {@link LogPositionMovedException} said it did): the same decisions
	 * it made, worked out again from the entries, since records are never deleted and the
	 * position's lock let it write them only on the database as it stood before them.
	 * Nothing is written.
	 * @param from the offset the entries start at (this sink's position)
	 * @param next the offset after the entries
	 */
	public MirrorChanged follow(long from, List<Entry> entries, long next) {
		Set<Long> added = entries.stream()
			.filter(e -> !e.restatement())
			.flatMap(e -> e.records().stream())
			.map(StoredCampaign::id)
			.collect(Collectors.toSet());
		List<Long> restated = entries.stream()
			.filter(Entry::restatement)
			.flatMap(e -> e.records().stream())
			.map(StoredCampaign::id)
			.filter(id -> !added.contains(id))
			.toList();
		Plan plan = plan(entries, table.existing(restated)); // held before these entries
		MirrorChanged change = change(from, next, plan);
		events.publishEvent(change);
		return change;
	}

	/**
	 * What the entries from offset {@code from} up to {@code next} changed, for copies.
	 */
	private static MirrorChanged change(long from, long next, Plan plan) {
		return new MirrorChanged(new MirrorPosition(LOG_GENERATION, from), new MirrorPosition(LOG_GENERATION, next),
				plan.inserted(), plan.updated());
	}

	/**
	 * Decides each entry in log order: a new record is inserted (or skipped where this
	 * very entry is already stored); a restatement updates the records the mirror holds;
	 * anything else is quarantined with its reason. A pure function of the entries and
	 * what the mirror holds for their ids.
	 */
	static Plan plan(List<Entry> entries, Map<Long, MirroredRow> existing) {
		Map<Long, SyncedRow> inserts = new LinkedHashMap<>();
		Map<Long, SyncedRow> updates = new LinkedHashMap<>();
		List<QuarantinedLine> quarantined = new ArrayList<>();
		for (Entry entry : entries) {
			CsvLine line = new CsvLine(entry.offset(), 0, entry.text());
			if (entry.problem() != null) {
				quarantined.add(new QuarantinedLine(line, null, entry.problem()));
				continue;
			}
			for (StoredCampaign record : entry.records()) {
				long id = record.id();
				SyncedRow row = new SyncedRow(record, LineConverter.hash(record), line);
				MirroredRow known = existing.get(id);
				String overflow = ColumnWidths.overflow(record.campaign());
				if (overflow != null) {
					quarantined.add(new QuarantinedLine(line, id, overflow));
				}
				else if (!entry.restatement()) {
					if (known == null && !inserts.containsKey(id)) {
						inserts.put(id, row);
					}
					else if (known == null || !known.isLine(LOG_GENERATION, entry.offset())) {
						quarantined.add(new QuarantinedLine(line, id,
								"campaign_id " + id + " is already held by another record; the log gave it twice"));
					}
				}
				else if (inserts.containsKey(id)) {
					inserts.put(id, row); // restated in the same batch it was added in
				}
				else if (known != null) {
					updates.put(id, row);
				}
				else {
					quarantined.add(new QuarantinedLine(line, id,
							"restates campaign_id " + id + ", which the database does not hold"));
				}
			}
		}
		return new Plan(List.copyOf(inserts.values()), List.copyOf(updates.values()), quarantined);
	}

}
