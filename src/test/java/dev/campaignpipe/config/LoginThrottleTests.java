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

	private void fail(String address, int times) {
		for (int i = 0; i < times; i++) {
			throttle.failed(address);
		}
	}

	@Test
	void theFirstFailuresCostNothing() {
		fail("10.0.0.1", 3);
		assertThat(throttle.wait("10.0.0.1")).isEmpty();
	}

	@Test
	void eachFurtherFailureDoublesTheWaitForTheNextAttempt() {
		fail("10.0.0.1", 4);
		assertThat(throttle.wait("10.0.0.1")).contains(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(1));
		assertThat(throttle.wait("10.0.0.1")).isEmpty();
		throttle.failed("10.0.0.1");
		assertThat(throttle.wait("10.0.0.1")).contains(Duration.ofSeconds(2));
		clock.advance(Duration.ofSeconds(2));
		// the sixth failure reaches the limit
		throttle.failed("10.0.0.1");
		assertThat(throttle.wait("10.0.0.1")).contains(Duration.ofMinutes(15));
	}

	@Test
	void atTheLimitTheAddressIsRefusedForTheLockoutThenForgiven() {
		fail("10.0.0.1", 6);
		assertThat(throttle.wait("10.0.0.1")).contains(Duration.ofMinutes(15));
		clock.advance(Duration.ofMinutes(10));
		assertThat(throttle.wait("10.0.0.1")).contains(Duration.ofMinutes(5));
		clock.advance(Duration.ofMinutes(5));
		assertThat(throttle.wait("10.0.0.1")).isEmpty();
		// failures older than the lockout are forgotten: the count starts over
		throttle.failed("10.0.0.1");
		assertThat(throttle.wait("10.0.0.1")).isEmpty();
	}

	@Test
	void addressesAreCountedApartAndASuccessForgetsOne() {
		fail("10.0.0.1", 6);
		assertThat(throttle.wait("10.0.0.2")).isEmpty();
		throttle.succeeded("10.0.0.1");
		assertThat(throttle.wait("10.0.0.1")).isEmpty();
	}

	@Test
	void aFloodOfAddressesKeepsThoseHeldBackAndStaysBounded() {
		fail("10.0.0.1", 6);
		for (int i = 0; i <= LoginThrottle.MAX_ADDRESSES; i++) {
			throttle.failed("flood-" + i);
		}
		assertThat(throttle.wait("10.0.0.1")).contains(Duration.ofMinutes(15));
		assertThat(throttle.addresses()).isLessThanOrEqualTo(LoginThrottle.MAX_ADDRESSES);
	}

}
