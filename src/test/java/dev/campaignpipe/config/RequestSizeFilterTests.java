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

	/** A request whose body comes in chunks: no length declared. */
	private static MockHttpServletRequest chunked() {
		return new MockHttpServletRequest("POST", "/api/imports") {

			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}

		};
	}

	@Test
	void aChunkedBodyIsReadUpToTheLimitAndRefusedBeyondIt() throws Exception {
		MockHttpServletRequest large = chunked();
		large.setContentType("application/json");
		large.addHeader("Transfer-Encoding", "chunked");
		large.setContent(new byte[(int) RequestSizeFilter.MAX_BODY_BYTES + 1]);
		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockFilterChain notReached = new MockFilterChain();
		new RequestSizeFilter().doFilter(large, refused, notReached);
		assertThat(refused.getStatus()).isEqualTo(413);
		assertThat(notReached.getRequest()).isNull();

		MockHttpServletRequest small = chunked();
		small.setContentType("application/json");
		small.addHeader("Transfer-Encoding", "chunked");
		small.setContent("{\"path\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		MockFilterChain reached = new MockFilterChain();
		new RequestSizeFilter().doFilter(small, new MockHttpServletResponse(), reached);
		assertThat(new String(reached.getRequest().getInputStream().readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("{\"path\":\"x\"}");
	}

}
