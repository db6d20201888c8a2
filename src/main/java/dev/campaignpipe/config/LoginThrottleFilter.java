package dev.campaignpipe.config;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops a login attempt (the login form's POST, or a request carrying credentials) from
 * an address the {@link LoginThrottle} holds back, with {@code 429} and
 * {@code Retry-After}, before its password is even checked. Part of the security filter
 * chain only (not a bean, so not also a filter of every request).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	LoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	private static boolean isLoginAttempt(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> wait = isLoginAttempt(request) ? throttle.attempt(request.getRemoteAddr())
				: Optional.empty();
		if (wait.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toMillisPart() > 0 ? 1 : 0));
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		FilterErrors.send(response, 429, "login",
				"too many failed logins from this address; try again in " + seconds + " s");
	}

}
