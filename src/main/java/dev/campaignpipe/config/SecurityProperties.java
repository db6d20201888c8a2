package dev.campaignpipe.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.security.*} (SPEC §11, docs/security.md): the optional login, the host
 * names the server answers to, and how failed logins are slowed.
 */
@ConfigurationProperties("pipeline.security")
record SecurityProperties(@DefaultValue("analyst") String username, String password,
		/* Host names (besides the bound address and loopback) a request may name. */
		@DefaultValue List<String> allowedHosts, @DefaultValue Login login) {

	boolean loginEnabled() {
		return password != null && !password.isBlank();
	}

	/**
	 * Failed logins from one address: {@code freeAttempts} cost nothing, each further one
	 * makes the next wait twice as long (1 s, 2 s, 4 s …), and from {@code maxAttempts}
	 * on the address is refused for {@code lockout}. Failures older than {@code lockout}
	 * are forgotten.
	 */
	record Login(@DefaultValue("5") int freeAttempts, @DefaultValue("15") int maxAttempts,
			@DefaultValue("15m") Duration lockout) {

	}

}
