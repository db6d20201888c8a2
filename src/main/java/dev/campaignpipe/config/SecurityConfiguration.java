package dev.campaignpipe.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security defaults (SPEC §11). The server binds to 127.0.0.1, so by default there is no
 * login; the form is CSRF-protected. The JSON API is exempt from CSRF tokens because it
 * accepts only {@code application/json}, which a cross-site page cannot send without a
 * CORS preflight that this server never grants. Setting
 * {@code pipeline.security.password} turns on a login for everything but the health probe
 * — meant for when the server is exposed on a network.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	@ConfigurationProperties("pipeline.security")
	record LoginProperties(@DefaultValue("analyst") String username, String password) {

		boolean enabled() {
			return password != null && !password.isBlank();
		}

	}

	/**
	 * Reachable without the login: the health probe, and the static files (styles,
	 * scripts, icons, the world map), which hold no data.
	 */
	private static final String[] PUBLIC = { "/actuator/health", "/actuator/health/**", "/css/**", "/js/**",
			"/webjars/**", "/vendor/**" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, LoginProperties login) throws Exception {
		http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")));
		if (login.enabled()) {
			http.authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC).permitAll().anyRequest().authenticated())
				.formLogin(Customizer.withDefaults())
				.httpBasic(Customizer.withDefaults());
		}
		else {
			http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		}
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager users(LoginProperties login) {
		if (!login.enabled()) {
			return new InMemoryUserDetailsManager();
		}
		UserDetails user = User.withUsername(login.username())
			.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(login.password()))
			.roles("ANALYST")
			.build();
		return new InMemoryUserDetailsManager(user);
	}

}
