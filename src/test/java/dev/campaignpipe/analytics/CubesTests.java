package dev.campaignpipe.analytics;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The cube cache: one computation for the requests of one page, none kept across a change
 * of the records, no failure kept.
 */
class CubesTests {

	private static final Filters GOOGLE = new Filters(null, null,
			Map.of(Dimension.MARKETING_CHANNEL, List.of("Google")));

	private final Cubes cubes = new Cubes();

	private final AtomicInteger computed = new AtomicInteger();

	private Cube compute() {
		computed.incrementAndGet();
		return null; // the cache never looks inside
	}

	/**
	 * A request for the Google cube of {@code version} whose computation waits until
	 * {@code release} opens and then runs {@code then}; returns once it has begun.
	 */
	private Future<Cube> held(ExecutorService pool, long version, CountDownLatch release, Cubes.Computation then)
			throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		Future<Cube> request = pool.submit(() -> cubes.get(version, Cube.CLOSED, GOOGLE, () -> {
			started.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return then.run();
		}));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		return request;
	}

	@Test
	void theSameFiltersOverTheSameRecordsAreComputedOnce() throws Exception {
		cubes.get(1, Cube.CLOSED, GOOGLE, this::compute);
		cubes.get(1, Cube.CLOSED, new Filters(null, null, Map.of(Dimension.MARKETING_CHANNEL, List.of("Google"))),
				this::compute);
		assertThat(computed).hasValue(1);

		cubes.get(1, Cube.CLOSED, Filters.NONE, this::compute);
		cubes.get(1, Cube.CLOSED, GOOGLE.between(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)), this::compute);
		assertThat(computed).hasValue(3);
	}

	@Test
	void aCommitOfRecordsMakesEveryCubeOld() throws Exception {
		cubes.get(1, Cube.CLOSED, GOOGLE, this::compute);
		cubes.get(2, Cube.CLOSED, GOOGLE, this::compute);
		cubes.get(2, Cube.CLOSED, GOOGLE, this::compute);
		assertThat(computed).hasValue(2);
		// a request that read the older version is answered from its own computation
		cubes.get(1, Cube.CLOSED, GOOGLE, this::compute);
		assertThat(computed).hasValue(3);
	}

	@Test
	void requestsAtOnceWaitForOneComputation() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			Future<Cube> first = held(pool, 7, release, this::compute);
			List<Future<Cube>> others = List.of(pool.submit(() -> cubes.get(7, Cube.CLOSED, GOOGLE, this::compute)),
					pool.submit(() -> cubes.get(7, Cube.CLOSED, GOOGLE, this::compute)));
			release.countDown();
			first.get(10, TimeUnit.SECONDS);
			for (Future<Cube> other : others) {
				other.get(10, TimeUnit.SECONDS);
			}
			assertThat(computed).hasValue(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void cubesOfOtherFieldsAreKeptApart() throws Exception {
		cubes.get(1, Cube.CLOSED, GOOGLE, this::compute);
		cubes.get(1, Cube.COMPANY_DEVICE, GOOGLE, this::compute);
		cubes.get(1, Cube.COMPANY_DEVICE, GOOGLE, this::compute);
		assertThat(computed).hasValue(2);
	}

	@Test
	void aFailedComputationIsNotKept() throws Exception {
		assertThatThrownBy(() -> cubes.get(1, Cube.CLOSED, GOOGLE, () -> {
			throw new SQLException("engine stopped");
		})).isInstanceOf(SQLException.class).hasMessage("engine stopped");
		cubes.get(1, Cube.CLOSED, GOOGLE, this::compute);
		assertThat(computed).hasValue(1);
	}

	@Test
	void requestsWaitingForAComputationThatDiesWithAnErrorAreAnsweredAndNothingIsKept() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Cube> first = held(pool, 3, release, () -> {
				throw new OutOfMemoryError("Java heap space");
			});
			Thread[] waiter = new Thread[1];
			Future<Cube> waiting = pool.submit(() -> {
				waiter[0] = Thread.currentThread();
				return cubes.get(3, Cube.CLOSED, GOOGLE, this::compute);
			});
			await("the second request waits for the first one's cube").atMost(Duration.ofSeconds(10))
				.until(() -> waiter[0] != null && waiter[0].getState() == Thread.State.WAITING);
			release.countDown();
			assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(OutOfMemoryError.class);
			assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).as("answered, not held")
				.isInstanceOf(ExecutionException.class)
				.hasRootCauseInstanceOf(OutOfMemoryError.class);
			cubes.get(3, Cube.CLOSED, GOOGLE, this::compute);
			assertThat(computed).as("the next request computes it").hasValue(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
