package dev.campaignpipe.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class HostHeaderFilterTests {

	private static List<String> allowing(String... hosts) {
		return List.of(hosts);
	}

	private static HostHeaderFilter filter(String boundAddress, String... hosts) {
		MockEnvironment environment = new MockEnvironment();
		if (boundAddress != null) {
			environment.setProperty("server.address", boundAddress);
		}
		if (hosts.length > 0) {
			environment.setProperty("pipeline.security.allowed-hosts", String.join(",", hosts));
		}
		return new HostHeaderFilter(environment);
	}

	private static MockHttpServletResponse request(HostHeaderFilter filter, String host) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/campaigns");
		request.setServerName(host);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	@Test
	void loopbackNamesTheBoundAddressAndConfiguredNamesAreAnswered() throws Exception {
		HostHeaderFilter filter = filter("127.0.0.1", "Pipeline.Example.TEST");
		for (String host : List.of("localhost", "LOCALHOST", "localhost.", "127.0.0.1", "[::1]", "::1",
				"pipeline.example.test")) {
			assertThat(request(filter, host).getStatus()).as(host).isEqualTo(200);
		}
	}

	@Test
	void aRebindingPagesNameIsMisdirected() throws Exception {
		MockHttpServletResponse response = request(filter("127.0.0.1"), "attacker.example");
		assertThat(response.getStatus()).isEqualTo(421);
		assertThat(response.getContentAsString()).contains("attacker.example")
			.contains("pipeline.security.allowed-hosts");
		// a name that merely contains an allowed one is not it
		assertThat(request(filter("127.0.0.1", "pipeline.example.test"), "pipeline.example.test.attacker.example")
			.getStatus()).isEqualTo(421);
	}

	@Test
	void aSpecificBoundAddressIsAllowedAndOtherAddressesOfTheMachineAreNot() {
		assertThat(HostHeaderFilter.allowedHosts("192.0.2.10", allowing())).contains("192.0.2.10", "localhost")
			.doesNotContain("0.0.0.0");
	}

	@Test
	void boundToEveryInterfaceTheMachinesOwnAddressesAreAllowed() {
		assertThat(HostHeaderFilter.allowedHosts("0.0.0.0", allowing())).contains("127.0.0.1")
			.doesNotContain("0.0.0.0");
		assertThat(HostHeaderFilter.allowedHosts(null, allowing()))
			.isEqualTo(HostHeaderFilter.allowedHosts("0.0.0.0", allowing()));
	}

}
