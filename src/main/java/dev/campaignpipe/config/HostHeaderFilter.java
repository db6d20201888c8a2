package dev.campaignpipe.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 421} to a request whose {@code Host} names neither this server's
 * address, loopback, nor a name in {@code pipeline.security.allowed-hosts} (SPEC §11). A
 * web page on some other site can point its own host name at 127.0.0.1 (DNS rebinding)
 * and then call this server as if it were the same site; its requests still carry that
 * host name, and this is where they stop.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HostHeaderFilter extends OncePerRequestFilter {

	private final Set<String> allowed;

	/**
	 * Reads its two settings from the environment rather than taking
	 * {@link SecurityProperties}: as a servlet filter it is part of every web slice test
	 * too, where the settings tree is not bound.
	 */
	HostHeaderFilter(Environment environment) {
		List<String> names = Binder.get(environment)
			.bind("pipeline.security.allowed-hosts", Bindable.listOf(String.class))
			.orElse(List.of());
		this.allowed = allowedHosts(environment.getProperty("server.address"), names);
	}

	/**
	 * Loopback names, the configured names, and the bound address; bound to every
	 * interface (no address, or 0.0.0.0), every address of this machine.
	 */
	static Set<String> allowedHosts(String boundAddress, List<String> names) {
		Set<String> hosts = new HashSet<>(Set.of("localhost", "127.0.0.1", "::1"));
		names.forEach(host -> hosts.add(normalize(host)));
		if (boundAddress != null && !boundAddress.isBlank() && !isWildcard(boundAddress)) {
			hosts.add(normalize(boundAddress));
		}
		else {
			hosts.addAll(machineAddresses());
		}
		return Set.copyOf(hosts);
	}

	private static boolean isWildcard(String address) {
		String host = normalize(address);
		return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
	}

	private static Set<String> machineAddresses() {
		Set<String> addresses = new HashSet<>();
		try {
			NetworkInterface.networkInterfaces()
				.flatMap(NetworkInterface::inetAddresses)
				.map(InetAddress::getHostAddress)
				.map(address -> normalize(address.replaceFirst("%.*$", ""))) // no IPv6
																				// zone
				.forEach(addresses::add);
		}
		catch (SocketException ex) {
			// no interfaces to list: loopback and the configured names still work
		}
		return addresses;
	}

	/** Lower case, no IPv6 brackets, no trailing dot of a fully qualified name. */
	static String normalize(String host) {
		String name = host.trim().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	boolean allows(String host) {
		return host != null && allowed.contains(normalize(host));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = request.getServerName();
		if (allows(host)) {
			chain.doFilter(request, response);
			return;
		}
		// 421 Misdirected Request
		FilterErrors.send(response, 421, "host", "this server does not answer to the host name '" + host
				+ "'; add it to pipeline.security.allowed-hosts if it is this server's name");
	}

}
