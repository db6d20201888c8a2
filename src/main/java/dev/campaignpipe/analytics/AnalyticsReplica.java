package dev.campaignpipe.analytics;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.campaignpipe.common.BackgroundLoop;
import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.sync.MirrorChanged;
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
public class AnalyticsReplica extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(AnalyticsReplica.class);

	/** Records waiting beyond this are dropped and the replica built from the mirror. */
	private static final int MAX_PENDING_RECORDS = 200_000;

	private final PipelineProperties.Dashboard settings;

	private final Path file;

	private final MirrorReader mirror;

	private final ApplicationEventPublisher events;

	private final ChangeQueue pending = new ChangeQueue(MAX_PENDING_RECORDS);

	private volatile ReplicaStore store;

	private volatile ReplicaStatus status;

	public AnalyticsReplica(PipelineProperties properties, MirrorReader mirror, ApplicationEventPublisher events) {
		// a node of a cluster plays only its roles (SPEC §15); before the sync, so no
		// batch goes unseen, and after the database is there
		super("analytics-replica", properties.autoStart() && properties.runs(PipelineProperties.Role.DASHBOARD),
				SmartLifecycle.DEFAULT_PHASE - 4096, Duration.ofSeconds(10));
		this.settings = properties.dashboard();
		this.file = properties.stateDir().resolve("analytics.duckdb");
		this.mirror = mirror;
		this.events = events;
		this.status = settings.enabled() && properties.sync().enabled()
				? new ReplicaStatus(ReplicaStatus.State.WARMING, 0, 0, "starting")
				: new ReplicaStatus(ReplicaStatus.State.UNAVAILABLE, 0, 0,
						"the dashboard is switched off (pipeline.dashboard.enabled, pipeline.sync.enabled)");
	}

	@EventListener
	void onMirrorChanged(MirrorChanged change) {
		if (!isRunning()) {
			return; // a start compares positions and rebuilds what it missed
		}
		pending.offer(change);
	}

	public ReplicaStatus status() {
		return status;
	}

	/**
	 * Runs a query on a connection of its own.
	 * @throws ReplicaUnavailableException while the replica cannot answer
	 */
	<T> T query(Query<T> query) throws SQLException {
		ReplicaStore current = available();
		try (Connection connection = current.connect()) {
			return query.run(connection, current.dictionary());
		}
	}

	/**
	 * @throws ReplicaUnavailableException while the replica cannot answer: for an answer
	 * that starts later (a download) to fail while a status code can still say so
	 */
	void checkAvailable() {
		available();
	}

	/**
	 * A breakdown added up from the cube of these filters (the breakdowns a page asks for
	 * at once share one pass over the records).
	 * @param fields the cube's, from {@link Cube#answering}
	 * @throws ReplicaUnavailableException while the replica cannot answer
	 */
	Answers.Breakdown breakdownFromCube(List<Dimension> fields, Filters filters, List<Dimension> by, int limit)
			throws SQLException {
		ReplicaStore current = available();
		return cube(current, fields, filters).breakdown(by, current.dictionary(), limit);
	}

	/**
	 * The summary; without a range, from the company × device cube the page's company
	 * table shares (its fewer combinations add up quicker).
	 * @throws ReplicaUnavailableException while the replica cannot answer
	 */
	Answers.Summary summary(Filters filters) throws SQLException {
		if (filters.from() == null && filters.to() == null) {
			return cube(available(), Cube.COMPANY_DEVICE, filters).summary();
		}
		return query((c, codes) -> AnalyticsQueries.summary(c, codes, filters));
	}

	private static Cube cube(ReplicaStore store, List<Dimension> fields, Filters filters) throws SQLException {
		return store.cubes().get(store.version(), fields, filters, () -> {
			try (Connection connection = store.connect()) {
				return Cube.compute(connection, store.dictionary(), fields, filters);
			}
		});
	}

	private ReplicaStore available() {
		ReplicaStore current = store;
		if (current == null || status.state() == ReplicaStatus.State.UNAVAILABLE) {
			throw new ReplicaUnavailableException(status.message());
		}
		return current;
	}

	/** A query against the replica. */
	@FunctionalInterface
	interface Query<T> {

		T run(Connection connection, ReplicaDictionary dictionary) throws SQLException;

	}

	@Override
	protected boolean prepare() {
		return status.state() != ReplicaStatus.State.UNAVAILABLE;
	}

	@Override
	protected void release() {
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
	protected void loop() {
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
		ReplicaFollower follower = new ReplicaFollower(store, mirror, pending, this::publish);
		Duration backoff = Duration.ofMillis(500);
		boolean caughtUp = false;
		while (isRunning()) {
			try {
				if (!caughtUp) {
					follower.catchUp();
					caughtUp = true;
				}
				follower.applyPending(this::isRunning);
				backoff = Duration.ofMillis(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | SQLException ex) {
				log.warn("analytics replica paused, retrying: {}", ex.toString());
				// read the positions again: the failed write may or may not have
				// committed
				caughtUp = false;
				Backoff.sleep(backoff, this::isRunning);
				backoff = Backoff.doubled(backoff, Duration.ofSeconds(30));
			}
		}
	}

	/** The follower's news: the status to show, and "new data" when it is ready. */
	private void publish(ReplicaStatus next) {
		status = next;
		if (next.state() == ReplicaStatus.State.READY) {
			events.publishEvent(new ReplicaUpdated(next.records()));
		}
	}

}
