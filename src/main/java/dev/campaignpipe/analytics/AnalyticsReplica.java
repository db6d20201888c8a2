package dev.campaignpipe.analytics;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.sync.MirrorChanged;
import dev.campaignpipe.sync.MirrorPosition;
import dev.campaignpipe.sync.MirrorReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Keeps the analytics replica (SPEC §12) equal to the database mirror: built from the
 * mirror when it does not match it (first start, a crash mid-update, the CSV replaced),
 * then fed the records each sync batch normalized ({@link MirrorChanged}), in order, on
 * one thread of its own so the sync never waits for it. Where the engine cannot load, the
 * product runs on and the status says why.
 */
@Service
public class AnalyticsReplica implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AnalyticsReplica.class);

	/**
	 * Records waiting beyond this are dropped and the replica rebuilt from the mirror
	 * instead: memory stays bounded whatever the sync loads meanwhile.
	 */
	private static final int MAX_PENDING_RECORDS = 200_000;

	private final PipelineProperties.Dashboard settings;

	private final Path file;

	private final MirrorReader mirror;

	private final ApplicationEventPublisher events;

	private final boolean autoStart;

	private final LinkedBlockingQueue<MirrorChanged> pending = new LinkedBlockingQueue<>();

	private final AtomicLong pendingRecords = new AtomicLong();

	private volatile boolean overflowed;

	private volatile boolean running;

	private volatile Thread thread;

	private volatile ReplicaStore store;

	private volatile ReplicaStatus status;

	private MirrorPosition position;

	public AnalyticsReplica(PipelineProperties properties, MirrorReader mirror, ApplicationEventPublisher events) {
		this.settings = properties.dashboard();
		this.file = properties.stateDir().resolve("analytics.duckdb");
		this.mirror = mirror;
		this.events = events;
		this.autoStart = properties.autoStart();
		this.status = settings.enabled() && properties.sync().enabled()
				? new ReplicaStatus(ReplicaStatus.State.WARMING, 0, 0, "starting")
				: new ReplicaStatus(ReplicaStatus.State.UNAVAILABLE, 0, 0,
						"the dashboard is switched off (pipeline.dashboard.enabled, pipeline.sync.enabled)");
	}

	@EventListener
	void onMirrorChanged(MirrorChanged change) {
		if (!running) {
			return; // a start compares positions and rebuilds what it missed
		}
		if (pendingRecords.addAndGet(change.upserted().size()) > MAX_PENDING_RECORDS) {
			overflowed = true;
			pending.clear();
			pendingRecords.set(0);
		}
		pending.add(change);
	}

	public ReplicaStatus status() {
		return status;
	}

	/**
	 * Runs a query on a connection of its own.
	 * @throws ReplicaUnavailableException while the replica cannot answer
	 */
	<T> T query(Query<T> query) throws SQLException {
		ReplicaStore current = store;
		if (current == null || status.state() == ReplicaStatus.State.UNAVAILABLE) {
			throw new ReplicaUnavailableException(status.message());
		}
		try (Connection connection = current.connect()) {
			return query.run(connection);
		}
	}

	/** A query against the replica. */
	@FunctionalInterface
	interface Query<T> {

		T run(Connection connection) throws SQLException;

	}

	@Override
	public void start() {
		if (status.state() == ReplicaStatus.State.UNAVAILABLE) {
			return;
		}
		running = true;
		thread = new Thread(this::run, "analytics-replica");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread t = thread;
		if (t != null) {
			t.interrupt();
			try {
				t.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		ReplicaStore s = store;
		store = null;
		if (s != null) {
			try {
				s.close();
			}
			catch (SQLException ex) {
				log.warn("closing the analytics replica: {}", ex.toString());
			}
		}
	}

	@Override
	public boolean isAutoStartup() {
		return autoStart;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Before the sync (so no batch goes unseen), after the database is there. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void run() {
		try {
			store = ReplicaStore.open(file, settings.memoryLimit());
		}
		catch (Exception | LinkageError ex) {
			// no native library for this platform (macOS on Intel), a damaged file, …
			log.warn("analytics replica unavailable: {}", ex.toString());
			status = new ReplicaStatus(ReplicaStatus.State.UNAVAILABLE, 0, 0,
					"the analytics engine (DuckDB) could not start on this machine: " + ex.getMessage());
			return;
		}
		Duration backoff = Duration.ofMillis(500);
		boolean built = false;
		while (running) {
			try {
				if (!built) {
					built = catchUp();
				}
				if (overflowed) {
					overflowed = false;
					rebuild("more changes waited than it keeps in memory");
				}
				applyPending();
				backoff = Duration.ofMillis(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | SQLException ex) {
				log.warn("analytics replica paused, retrying: {}", ex.toString());
				built = false; // read the positions again: the failed write may not have
								// committed
				Backoff.sleep(backoff, () -> running);
				backoff = Backoff.doubled(backoff, Duration.ofSeconds(30));
			}
		}
	}

	/**
	 * At start or after an error: ready if the replica matches the mirror, else rebuilt.
	 */
	private boolean catchUp() throws SQLException {
		MirrorPosition own = store.position();
		MirrorPosition mirrored = mirror.position();
		if (own != null && own.equals(mirrored)) {
			position = own;
			ready();
			return true;
		}
		rebuild(own == null ? "first start" : "it is behind the database mirror");
		return true;
	}

	private void rebuild(String why) throws SQLException {
		long target = Math.max(1, mirror.count());
		status = new ReplicaStatus(ReplicaStatus.State.WARMING, 0, status.records(),
				"building from the mirror: " + why);
		log.info("analytics replica: building from the database mirror ({}, {} records)", why, target);
		long started = System.nanoTime();
		MirrorPosition at = mirror.position(); // read before the rows: no row is older
		store.rebuild(consumer -> ReadAhead.run(mirror::forEachRecord, consumer), at,
				done -> status = new ReplicaStatus(ReplicaStatus.State.WARMING, Math.min(1, (double) done / target),
						status.records(), status.message()));
		position = at;
		log.info("analytics replica: built in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		ready();
	}

	private void ready() throws SQLException {
		long records = store.count();
		status = new ReplicaStatus(ReplicaStatus.State.READY, 1, records, null);
		events.publishEvent(new ReplicaUpdated(records));
	}

	/**
	 * Applies the changes that came meanwhile, several batches in one transaction (the
	 * last value of an id wins); a change of the CSV's generation rebuilds instead.
	 */
	private void applyPending() throws InterruptedException, SQLException {
		MirrorChanged first = pending.poll(1, TimeUnit.SECONDS);
		if (first == null) {
			return;
		}
		List<MirrorChanged> changes = new ArrayList<>();
		changes.add(first);
		pending.drainTo(changes);
		changes.forEach(change -> pendingRecords.addAndGet(-change.upserted().size()));
		Map<Long, StoredCampaign> records = new LinkedHashMap<>();
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
			change.upserted().forEach(r -> records.put(r.id(), r));
			last = change.position();
		}
		if (last.equals(position)) {
			return;
		}
		store.apply(records.values(), last);
		position = last;
		ready();
	}

}
