package dev.campaignpipe.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Failed logins counted per address (SPEC §11): a few cost nothing, then each makes the
 * next attempt wait twice as long, and at the limit the address is refused for the
 * lockout. Every attempt counts as failed until it succeeds; a success forgets the
 * address. Guessing a password at one try per second becomes guessing at a few per
 * quarter hour.
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

	/**
	 * A login attempt from {@code address} is about to be checked: how long it must still
	 * wait, if at all; if not, the attempt is counted as a failure at once and forgotten
	 * only by a success. Counting before the (slow) password check is what keeps a burst
	 * of parallel guesses from all getting through before the first failure is known.
	 */
	Optional<Duration> attempt(String address) {
		Instant now = clock.instant();
		Duration[] wait = { null };
		failures.compute(address, (key, seen) -> {
			if (seen != null && now.isBefore(seen.until())) {
				wait[0] = Duration.between(now, seen.until());
				return seen;
			}
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
		return Optional.ofNullable(wait[0]);
	}

	/** A login succeeded: the address's failures are forgotten. */
	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
			succeeded(details.getRemoteAddress());
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
