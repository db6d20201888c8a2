package dev.campaignpipe.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.campaignpipe.importer.HandOverToken;
import dev.campaignpipe.support.ChildApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §11 against the packaged product over real sockets: the Host allow-list (DNS
 * rebinding), the refusal to listen on the network without a login, login throttling and
 * the hand-over of server-side paths. Each test fails when its protection is removed.
 */
class NetworkExposureIntegrationTests {

	private static final String ANALYST = "Basic "
			+ Base64.getEncoder().encodeToString("analyst:s3cret".getBytes(StandardCharsets.UTF_8));

	private static final String WRONG = "Basic "
			+ Base64.getEncoder().encodeToString("analyst:guess".getBytes(StandardCharsets.UTF_8));

	@TempDir
	Path dir;

	/** One answer, read off the socket as it came. */
	record Reply(int status, Map<String, String> headers, String body) {
	}

	/**
	 * One HTTP/1.1 request written by hand, so the {@code Host} header can say what a
	 * rebinding page's browser would send.
	 */
	static Reply send(String address, int port, String host, String method, String path, String authorization,
			String json) throws IOException {
		return sendWith(address, port, host, method, path,
				authorization == null ? Map.of() : Map.of("Authorization", authorization), json);
	}

	static Reply sendWith(String address, int port, String host, String method, String path, Map<String, String> extra,
			String json) throws IOException {
		try (Socket socket = new Socket(address, port)) {
			socket.setSoTimeout(20_000);
			byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
					+ "\r\nConnection: close\r\nAccept: application/json\r\n");
			extra.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			if (json != null) {
				request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			String[] head = text.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						head[i].substring(colon + 1).trim());
			}
			return new Reply(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
		}
	}

	/**
	 * An address of this machine that is not loopback: how another machine reaches it.
	 */
	static String networkAddress() throws SocketException {
		return NetworkInterface.networkInterfaces().filter(nic -> {
			try {
				return nic.isUp() && !nic.isLoopback();
			}
			catch (SocketException ex) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.map(InetAddress::getHostAddress)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("this machine has no network address to test with"));
	}

	@Test
	void aRequestNamingAnotherHostIsMisdirectedAndStoresNothing() throws Exception {
		try (ChildApp app = ChildApp.start(dir, "--pipeline.security.allowed-hosts=pipeline.example.test")) {
			int port = app.uri("/").getPort();
			String record = "{\"campaign_company\":\"Rebound\",\"campaign_name\":\"Rebinding\",\"campaign_type\":\"Leads\","
					+ "\"marketing_channel\":\"Google\",\"ad_format\":\"Text\",\"date\":\"2024-10-15\",\"impressions\":10,"
					+ "\"clicks\":1,\"conversions\":1,\"ad_spend\":1.00,\"device_type\":\"Mobile\",\"country\":\"UK\","
					+ "\"audience_segment\":\"High Intent\"}";

			Reply rebound = send("127.0.0.1", port, "attacker.example:" + port, "POST", "/api/campaigns", null, record);
			assertThat(rebound.status()).isEqualTo(421);
			assertThat(rebound.body()).contains("attacker.example").contains("pipeline.security.allowed-hosts");
			assertThat(send("127.0.0.1", port, "attacker.example", "GET", "/records", null, null).status())
				.isEqualTo(421);
			assertThat(
					send("127.0.0.1", port, "pipeline.example.test.attacker.example", "GET", "/", null, null).status())
				.isEqualTo(421);

			for (String host : new String[] { "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port,
					"pipeline.example.test:" + port }) {
				assertThat(send("127.0.0.1", port, host, "GET", "/api/pipeline/status", null, null).status()).as(host)
					.isEqualTo(200);
			}
			assertThat(send("127.0.0.1", port, "localhost", "POST", "/api/campaigns", null, record).status())
				.isEqualTo(201);
			// the refused record never reached the file: only the allowed one is there
			Path csv = dir.resolve("campaigns.csv");
			assertThat(Files.readAllLines(csv, StandardCharsets.ISO_8859_1))
				.filteredOn(line -> line.contains("Rebound"))
				.hasSize(1);
		}
	}

	@Test
	void listeningOnTheNetworkWithoutAPasswordRefusesToStartAndSaysWhatToSet() throws Exception {
		ChildApp.Exit exit = ChildApp.runUntilExit(dir, Duration.ofSeconds(90), "--server.address=0.0.0.0");
		assertThat(exit.code()).isNotZero();
		assertThat(exit.output()).contains("APPLICATION FAILED TO START")
			.contains("0.0.0.0")
			.contains("pipeline.security.password")
			.contains("--server.address=127.0.0.1")
			.doesNotContain("Tomcat started");
	}

	@Test
	void onTheNetworkLoginsAreThrottledPerAddressAndPathsAreHandedOverOnlyLocally() throws Exception {
		String remote = networkAddress();
		try (ChildApp app = ChildApp.start(dir, "--server.address=0.0.0.0", "--pipeline.security.password=s3cret",
				"--pipeline.security.login.free-attempts=3", "--pipeline.security.login.max-attempts=4",
				"--pipeline.security.login.lockout=10m")) {
			int port = app.uri("/").getPort();
			String asRemote = remote + ":" + port;
			// reached through its network address, the server answers (the login, not
			// 421)
			assertThat(send(remote, port, asRemote, "GET", "/api/pipeline/status", null, null).status()).isEqualTo(401);
			assertThat(send(remote, port, asRemote, "GET", "/api/pipeline/status", ANALYST, null).status())
				.isEqualTo(200);
			assertThat(send(remote, port, "attacker.example", "GET", "/api/pipeline/status", ANALYST, null).status())
				.isEqualTo(421);

			// hand-over of a server-side path: only the command line of this machine,
			// which
			// shows the token from the data folder, and never through a proxy
			Path file = Files.writeString(dir.resolve("secret-looking.csv"), "campaign_company\n");
			String handOver = "{\"path\":\"" + file.toAbsolutePath() + "\"}";
			Map<String, String> withToken = Map.of("Authorization", ANALYST, HandOverToken.HEADER, app.handOverToken());
			Reply fromRemote = sendWith(remote, port, asRemote, "POST", "/api/imports", withToken, handOver);
			assertThat(fromRemote.status()).isEqualTo(403);
			assertThat(fromRemote.body()).contains("upload the file");
			assertThat(send("127.0.0.1", port, "127.0.0.1:" + port, "POST", "/api/imports", ANALYST, handOver).status())
				.as("loopback without the token (a reverse proxy on this machine)")
				.isEqualTo(403);
			Map<String, String> proxied = Map.of("Authorization", ANALYST, HandOverToken.HEADER, app.handOverToken(),
					"X-Forwarded-For", "127.0.0.1");
			assertThat(sendWith("127.0.0.1", port, "127.0.0.1:" + port, "POST", "/api/imports", proxied, handOver)
				.status()).as("forwarded").isEqualTo(403);
			assertThat(sendWith("127.0.0.1", port, "127.0.0.1:" + port, "POST", "/api/imports", withToken, handOver)
				.status()).isEqualTo(202);

			// a burst of guesses at once: each attempt counts before its password is
			// checked,
			// so three free ones and one more get through, the rest wait
			ExecutorService burst = Executors.newFixedThreadPool(30);
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				answers.add(burst.submit(() -> send(remote, port, asRemote, "GET", "/records", WRONG, null).status()));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get(60, TimeUnit.SECONDS));
			}
			burst.shutdown();
			assertThat(statuses).as("answers to 30 parallel wrong logins").containsOnly(401, 429);
			assertThat(statuses.stream().filter(status -> status == 401).count()).as("password checks")
				.isLessThanOrEqualTo(4);
			// the fourth failure reached the limit: refused for the lockout, the right
			// password too
			Reply locked = send(remote, port, asRemote, "GET", "/records", ANALYST, null);
			assertThat(locked.status()).as("even the right password waits").isEqualTo(429);
			assertThat(Long.parseLong(locked.headers().get("retry-after"))).isBetween(590L, 600L);
			assertThat(locked.body()).contains("too many failed logins");
			// another address is not held back by this one's failures
			assertThat(send("127.0.0.1", port, "127.0.0.1:" + port, "GET", "/records", ANALYST, null).status())
				.isEqualTo(200);
			// anonymous pages and the health probe are no login attempts: not refused
			assertThat(send(remote, port, asRemote, "GET", "/actuator/health", null, null).status()).isEqualTo(200);
		}
	}

}
