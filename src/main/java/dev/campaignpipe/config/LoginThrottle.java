package dev.campaignpipe.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Failed logins counted per address (SPEC §11): a few cost nothing, then each makes the
 * next attempt wait twice as long, and at the limit the address is refused for the
 * lockout. A success forgets the address. Guessing a password at one try per second
 * becomes guessing at a few per quarter hour.
 */
final class LoginThrottle {

	/** Addresses kept at most; beyond it, those whose failures have expired go first. */
	static final int MAX_ADDRESSES = 10_000;

	private record Failures(int count, Instant last, Instant until) {
	}

	private final SecurityProperties.Login policy;

	private final Clock clock;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	LoginThrottle(SecurityProperties.Login policy, Clock clock) {
		this.policy = policy;
		this.clock = clock;
	}

	/** How long this address must still wait before it may try again, if at all. */
	Optional<Duration> wait(String address) {
		Failures seen = failures.get(address);
		Instant now = clock.instant();
		if (seen == null || !now.isBefore(seen.until())) {
			return Optional.empty();
		}
		return Optional.of(Duration.between(now, seen.until()));
	}

	@EventListener
	void onFailure(AuthenticationFailureBadCredentialsEvent event) {
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
			failed(details.getRemoteAddress());
		}
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
			succeeded(details.getRemoteAddress());
		}
	}

	void failed(String address) {
		Instant now = clock.instant();
		failures.compute(address, (key, seen) -> {
			int count = (seen == null || expired(seen, now)) ? 1 : seen.count() + 1;
			return new Failures(count, now, now.plus(delayAfter(count)));
		});
		if (failures.size() > MAX_ADDRESSES) {
			failures.values().removeIf(seen -> expired(seen, now));
		}
		if (failures.size() > MAX_ADDRESSES) {
			// a flood from more addresses than can be kept: keep those being held back
			failures.values().removeIf(seen -> !now.isBefore(seen.until()));
		}
	}

	void succeeded(String address) {
		failures.remove(address);
	}

	/** Addresses with failures on record (bounded by {@link #MAX_ADDRESSES}). */
	int addresses() {
		return failures.size();
	}

	/** The wait a failure number {@code count} imposes on the next attempt. */
	Duration delayAfter(int count) {
		if (count >= policy.maxAttempts()) {
			return policy.lockout();
		}
		if (count <= policy.freeAttempts()) {
			return Duration.ZERO;
		}
		Duration delay = Duration.ofSeconds(1L << Math.min(30, count - policy.freeAttempts() - 1));
		return delay.compareTo(policy.lockout()) < 0 ? delay : policy.lockout();
	}

	private boolean expired(Failures seen, Instant now) {
		return !now.isBefore(seen.until()) && !now.isBefore(seen.last().plus(policy.lockout()));
	}

}
