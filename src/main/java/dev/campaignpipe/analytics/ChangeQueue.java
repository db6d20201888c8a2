package dev.campaignpipe.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.campaignpipe.sync.MirrorChanged;

/**
 * The mirror's changes waiting for the replica, in the order the sync committed them.
 * Bounded by records, not batches: past the bound it empties itself and asks for a build
 * from the mirror instead, so memory stays flat whatever the sync loads meanwhile.
 */
final class ChangeQueue {

	private final int maxRecords;

	private final LinkedBlockingQueue<MirrorChanged> changes = new LinkedBlockingQueue<>();

	private final AtomicLong records = new AtomicLong();

	private final AtomicBoolean overflowed = new AtomicBoolean();

	ChangeQueue(int maxRecords) {
		this.maxRecords = maxRecords;
	}

	void offer(MirrorChanged change) {
		if (records.addAndGet(change.size()) > maxRecords) {
			overflowed.set(true);
			changes.clear();
			records.set(change.size());
		}
		changes.add(change);
	}

	/** Whether changes were dropped since the last call (the replica must be built). */
	boolean overflowed() {
		return overflowed.getAndSet(false);
	}

	/**
	 * Every change waiting, after waiting up to {@code timeoutMillis} for the first.
	 * @return empty when none came
	 */
	List<MirrorChanged> take(long timeoutMillis) throws InterruptedException {
		List<MirrorChanged> taken = new ArrayList<>();
		MirrorChanged first = changes.poll(timeoutMillis, TimeUnit.MILLISECONDS);
		if (first != null) {
			taken.add(first);
			changes.drainTo(taken);
			taken.forEach(change -> records.addAndGet(-change.size()));
		}
		return taken;
	}

}
