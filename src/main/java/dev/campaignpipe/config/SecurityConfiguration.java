package dev.campaignpipe.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Security defaults (SPEC §11, docs/security.md). The server binds to 127.0.0.1, so by
 * default there is no login; the form is CSRF-protected. The JSON API is exempt from CSRF
 * tokens because it accepts only {@code application/json}, which a cross-site page cannot
 * send without a CORS preflight that this server never grants (and
 * {@link HostHeaderFilter} stops pages that rebind their own name to this machine).
 * Setting {@code pipeline.security.password} turns on a login for everything but the
 * health probe — required when the server listens where other machines reach it
 * ({@link ExposureCheck}); failed logins are slowed, then refused
 * ({@link LoginThrottle}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(SecurityProperties.class) // also in web slice tests, which
															// scan no settings
class SecurityConfiguration {

	/**
	 * Reachable without the login: the health probe, and the static files (styles,
	 * scripts, icons, the world map), which hold no data.
	 */
	private static final String[] PUBLIC = { "/actuator/health", "/actuator/health/**", "/css/**", "/js/**",
			"/webjars/**", "/vendor/**" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties security, Environment environment,
			LoginThrottle throttle) throws Exception {
		ExposureCheck.check(environment.getProperty("server.address"), security);
		http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")));
		if (security.loginEnabled()) {
			http.authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC).permitAll().anyRequest().authenticated())
				.formLogin(Customizer.withDefaults())
				.httpBasic(Customizer.withDefaults())
				.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
		}
		else {
			http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		}
		return http.build();
	}

	@Bean
	LoginThrottle loginThrottle(SecurityProperties security, Clock clock) {
		return new LoginThrottle(security.login(), clock);
	}

	/**
	 * Successful logins as events, which the throttle listens to; declared here so the
	 * throttle does not depend on which auto-configuration provides the publisher.
	 */
	@Bean
	AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
		return new DefaultAuthenticationEventPublisher(events);
	}

	@Bean
	InMemoryUserDetailsManager users(SecurityProperties security) {
		if (!security.loginEnabled()) {
			return new InMemoryUserDetailsManager();
		}
		UserDetails user = User.withUsername(security.username())
			.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(security.password()))
			.roles("ANALYST")
			.build();
		return new InMemoryUserDetailsManager(user);
	}

}
