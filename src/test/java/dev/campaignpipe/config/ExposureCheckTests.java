package dev.campaignpipe.config;

import java.time.Duration;
import java.util.List;

import dev.campaignpipe.config.ExposureCheck.ExposedWithoutLoginException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExposureCheckTests {

	private static SecurityProperties security(String password) {
		return new SecurityProperties("analyst", password, List.of(),
				new SecurityProperties.Login(5, 15, Duration.ofMinutes(15)));
	}

	@Test
	void loopbackNeedsNoLogin() {
		for (String address : List.of("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2")) {
			assertThatCode(() -> ExposureCheck.check(address, security(null))).as(address).doesNotThrowAnyException();
		}
	}

	@Test
	void everyOtherAddressNeedsAPassword() {
		for (String address : new String[] { "0.0.0.0", "::", "192.0.2.10", "", null }) {
			assertThatThrownBy(() -> ExposureCheck.check(address, security(" "))).as(String.valueOf(address))
				.isInstanceOf(ExposedWithoutLoginException.class)
				.hasMessageContaining("pipeline.security.password");
			assertThatCode(() -> ExposureCheck.check(address, security("s3cret"))).doesNotThrowAnyException();
		}
	}

}
