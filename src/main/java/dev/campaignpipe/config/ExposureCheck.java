package dev.campaignpipe.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses to serve on an address other machines can reach while no login is set (SPEC
 * §11): records, imports and the dashboard would be open to the whole network. Checked as
 * the web server's security is configured, so nothing listens before it passes.
 */
final class ExposureCheck {

	private ExposureCheck() {
	}

	/**
	 * @param boundAddress {@code server.address}; none means every interface
	 * @throws ExposedWithoutLoginException when reachable from elsewhere without a login
	 */
	static void check(String boundAddress, SecurityProperties security) {
		if (security.loginEnabled() || isLoopback(boundAddress)) {
			return;
		}
		throw new ExposedWithoutLoginException(
				boundAddress == null || boundAddress.isBlank() ? "every network interface" : boundAddress);
	}

	static boolean isLoopback(String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(HostHeaderFilter.normalize(address)).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false; // a name that cannot be resolved is not known to be local
		}
	}

	/** What stops the start, explained by {@link ExposureFailureAnalyzer}. */
	static final class ExposedWithoutLoginException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		private final String address;

		ExposedWithoutLoginException(String address) {
			super("server.address is " + address + " but pipeline.security.password is not set");
			this.address = address;
		}

		String address() {
			return address;
		}

	}

}
