package dev.campaignpipe.analytics;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.sync.MirrorChanged;
import dev.campaignpipe.sync.MirrorPosition;
import dev.campaignpipe.sync.MirrorReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the replica level with the mirror and keeps it there, on the replica's thread: a
 * build from the mirror when their positions differ, then the sync's changes in order.
 * Positions are ordered, so a change the last build already read is skipped and one that
 * came during a build is applied after it.
 */
final class ReplicaFollower {

	/** Applies at most this often; a new record still shows within about a second. */
	static final long APPLY_INTERVAL_MILLIS = 500;

	private static final Logger log = LoggerFactory.getLogger(AnalyticsReplica.class);

	private final ReplicaStore store;

	private final MirrorReader mirror;

	private final ChangeQueue pending;

	private final Consumer<ReplicaStatus> status;

	/** The mirror position the replica holds. */
	private MirrorPosition position;

	/** Whether the next apply must replace even the records the sync inserted. */
	private boolean replaceAll = true;

	/** When the last apply ended (System.nanoTime). */
	private long lastApply;

	ReplicaFollower(ReplicaStore store, MirrorReader mirror, ChangeQueue pending, Consumer<ReplicaStatus> status) {
		this.store = store;
		this.mirror = mirror;
		this.pending = pending;
		this.status = status;
	}

	/**
	 * At start or after an error: ready if the replica matches the mirror, else rebuilt.
	 */
	void catchUp() throws SQLException {
		MirrorPosition own = store.position();
		MirrorPosition mirrored = mirror.position();
		if (own != null && own.equals(mirrored)) {
			position = own;
			ready();
			return;
		}
		rebuild(own == null ? "first start" : "it is behind the database mirror");
	}

	private void rebuild(String why) throws SQLException {
		long target = Math.max(1, mirror.count());
		String message = "building from the mirror: " + why;
		long records = store.count(); // queries answer from these meanwhile
		status.accept(new ReplicaStatus(ReplicaStatus.State.WARMING, 0, records, message));
		log.info("analytics replica: building from the database mirror ({}, {} records)", why, target);
		long started = System.nanoTime();
		MirrorPosition at = mirror.position(); // read before the rows: no row is older
		store.rebuild(consumer -> ReadAhead.run(mirror::forEachRecord, consumer), at, done -> status.accept(
				new ReplicaStatus(ReplicaStatus.State.WARMING, Math.min(1, (double) done / target), records, message)));
		position = at;
		// the build may have read rows newer than its position: the changes after it
		// replace rows rather than add them, until the first has been applied
		replaceAll = true;
		log.info("analytics replica: built in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		ready();
	}

	private void ready() throws SQLException {
		status.accept(new ReplicaStatus(ReplicaStatus.State.READY, 1, store.count(), null));
	}

	/**
	 * Applies the changes that came meanwhile, several batches in one transaction (the
	 * last value of an id wins), at most every {@link #APPLY_INTERVAL_MILLIS}: each
	 * transaction costs an fsync, and under full load the CSV writer's fsyncs are what
	 * acknowledges records. A change of the CSV's generation rebuilds instead.
	 */
	void applyPending(BooleanSupplier running) throws InterruptedException, SQLException {
		long since = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastApply);
		if (since < APPLY_INTERVAL_MILLIS) {
			Backoff.sleep(Duration.ofMillis(APPLY_INTERVAL_MILLIS - since), running);
		}
		if (pending.overflowed()) {
			rebuild("more changes waited than it keeps in memory");
		}
		List<MirrorChanged> changes = pending.take(1000);
		Map<Long, StoredCampaign> records = new LinkedHashMap<>();
		boolean replacing = replaceAll;
		MirrorPosition last = position;
		for (MirrorChanged change : changes) {
			if (change.position().compareTo(position) <= 0) {
				continue; // already in what the last build read
			}
			if (change.position().generation() != position.generation()) {
				// the rest of this list was committed before the build reads the mirror;
				// what comes later waits in the queue and is applied after it
				rebuild("the CSV was replaced");
				return;
			}
			if (change.from().compareTo(last) > 0) {
				// a change this node never heard of (in cluster mode another node's sink
				// wrote it before this node's sink started): read the mirror again
				rebuild("it missed a change of the mirror");
				return;
			}
			change.inserted().forEach(r -> records.put(r.id(), r));
			change.updated().forEach(r -> records.put(r.id(), r));
			replacing |= !change.updated().isEmpty();
			last = change.position();
		}
		if (last.equals(position)) {
			return;
		}
		store.apply(records.values(), replacing, last);
		position = last;
		replaceAll = false;
		lastApply = System.nanoTime();
		ready();
	}

}
