package dev.campaignpipe.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	/** A clock the test moves by hand. */
	private static final class HandClock extends Clock {

		private Instant now = Instant.parse("2026-11-30T10:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

	private final HandClock clock = new HandClock();

	private final LoginThrottle throttle = new LoginThrottle(new SecurityProperties.Login(3, 6, Duration.ofMinutes(15)),
			clock);

	/** {@code times} attempts that do not succeed, each let through. */
	private void fail(String address, int times) {
		for (int i = 0; i < times; i++) {
			assertThat(throttle.attempt(address)).as("attempt " + (i + 1) + " let through").isEmpty();
		}
	}

	@Test
	void theFirstFailuresCostNothing() {
		fail("10.0.0.1", 3);
		assertThat(throttle.attempt("10.0.0.1")).as("the fourth attempt").isEmpty();
	}

	@Test
	void eachFurtherFailureDoublesTheWaitForTheNextAttempt() {
		fail("10.0.0.1", 4);
		assertThat(throttle.attempt("10.0.0.1")).contains(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(1));
		fail("10.0.0.1", 1);
		assertThat(throttle.attempt("10.0.0.1")).contains(Duration.ofSeconds(2));
		clock.advance(Duration.ofSeconds(2));
		// the sixth failure reaches the limit
		fail("10.0.0.1", 1);
		assertThat(throttle.attempt("10.0.0.1")).contains(Duration.ofMinutes(15));
	}

	@Test
	void aBurstOfParallelAttemptsIsCountedBeforeAnyPasswordIsChecked() {
		// none of them has failed yet when the next arrives: each counts at once
		int through = 0;
		for (int i = 0; i < 200; i++) {
			through += throttle.attempt("10.0.0.1").isEmpty() ? 1 : 0;
		}
		assertThat(through).as("attempts let through of a burst of 200").isEqualTo(4);
	}

	@Test
	void atTheLimitTheAddressIsRefusedForTheLockoutThenForgiven() {
		fail("10.0.0.1", 4);
		clock.advance(Duration.ofSeconds(1));
		fail("10.0.0.1", 1);
		clock.advance(Duration.ofSeconds(2));
		fail("10.0.0.1", 1);
		assertThat(throttle.attempt("10.0.0.1")).contains(Duration.ofMinutes(15));
		clock.advance(Duration.ofMinutes(10));
		assertThat(throttle.attempt("10.0.0.1")).contains(Duration.ofMinutes(5));
		clock.advance(Duration.ofMinutes(5));
		// failures older than the lockout are forgotten: the count starts over
		fail("10.0.0.1", 3);
		assertThat(throttle.attempt("10.0.0.1")).isEmpty();
	}

	@Test
	void addressesAreCountedApartAndASuccessForgetsOne() {
		fail("10.0.0.1", 4);
		assertThat(throttle.attempt("10.0.0.2")).isEmpty();
		throttle.succeeded("10.0.0.1");
		fail("10.0.0.1", 4);
	}

	@Test
	void aFloodOfAddressesKeepsThoseHeldBackAndStaysBounded() {
		fail("10.0.0.1", 4);
		for (int i = 0; i <= LoginThrottle.MAX_ADDRESSES; i++) {
			throttle.attempt("flood-" + i);
		}
		assertThat(throttle.attempt("10.0.0.1")).isPresent();
		assertThat(throttle.addresses()).isLessThanOrEqualTo(LoginThrottle.MAX_ADDRESSES);
	}

}
