package dev.campaignpipe.config;

import java.util.Locale;

import dev.campaignpipe.support.DefaultLocale;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slice test of the size filter with servlet mocks; the real 413s are in
 * CampaignApiIntegrationTests.
 */
class RequestSizeFilterTests {

	/**
	 * @return whether the request went on to the application
	 */
	private boolean passes(String contentType, long length) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/import");
		request.setContentType(contentType);
		request.setContent(new byte[(int) length]); // the mock reports the body's length
													// as Content-Length
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		try {
			new RequestSizeFilter().doFilter(request, response, chain);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		boolean passed = chain.getRequest() != null;
		assertThat(response.getStatus()).isEqualTo(passed ? 200 : 413);
		return passed;
	}

	@Test
	void aLargeUploadPassesEvenWithAnUpperCaseContentTypeOnATurkishMachine() {
		// in Turkish, "I".toLowerCase() is the dotless "ı": MULTIPART became "multıpart"
		boolean passed = DefaultLocale.under(Locale.forLanguageTag("tr-TR"),
				() -> passes("MULTIPART/FORM-DATA; boundary=x", 5 * RequestSizeFilter.MAX_BODY_BYTES));
		assertThat(passed).isTrue();
	}

	@Test
	void aLargeJsonBodyIsRefusedWith413() {
		assertThat(passes("application/json", RequestSizeFilter.MAX_BODY_BYTES + 1)).isFalse();
	}

}
