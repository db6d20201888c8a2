import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end lag from an acknowledged submission to its row in the database, at a fixed rate.
 * Submissions are paced at RATE per second over 64 client threads, each on its own keep-alive connection; a poller reads
 * MAX(campaign_id) from the table every 5 ms. A record's lag = first poll that saw it - its
 * acknowledgement (resolution: the poll interval).
 *
 * Usage: java [-Dclients=64] -cp mariadb-java-client.jar bench/SyncLag.java BASE_URL[,BASE_URL…] JDBC_URL RATE SECONDS
 * (several base URLs: the client threads are spread over them, as over cluster mode's entry nodes)
 */
public class SyncLag {

	static final Pattern ID = Pattern.compile("\"campaign_id\":(\\d+)");

	/**
	 * Enough connections that a slow moment of the server does not hold back the pacing
	 * (-Dclients=N where each answer takes longer, as in cluster mode).
	 */
	static final int CLIENTS = Integer.getInteger("clients", 64);

	public static void main(String[] args) throws Exception {
		String[] bases = args[0].split(",");
		String jdbc = args[1];
		int rate = Integer.parseInt(args[2]);
		int seconds = Integer.parseInt(args[3]);
		String body = Files.body();
		java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
		ThreadLocal<URI> target = ThreadLocal.withInitial(() -> URI.create(bases[threads.getAndIncrement() % bases.length]));
		// a raw HTTP/1.1 request: java.net.http costs so much CPU here that it would starve the poller
		byte[] request = ("POST /api/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
			.getBytes(StandardCharsets.UTF_8);
		ConcurrentHashMap<Long, Long> ackedAt = new ConcurrentHashMap<>();
		ConcurrentHashMap<Long, Long> seenAt = new ConcurrentHashMap<>();
		volatile_running[0] = true;
		java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
		Thread poller = new Thread(() -> poll(jdbc, seenAt, ready));
		poller.start();
		ready.await(); // ids already in the table (an earlier run's) are not this run's
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		long start = System.nanoTime();
		long total = (long) rate * seconds;
		for (long i = 0; i < total; i++) {
			long due = start + i * 1_000_000_000L / rate;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			clients.submit(() -> {
				try {
					Connection connection = CONNECTIONS.get();
					if (connection == null) {
						URI uri = target.get();
						connection = new Connection(new Socket(uri.getHost(), uri.getPort()));
						CONNECTIONS.set(connection);
					}
					String response = connection.exchange(request);
					if (connection.closing) {
						connection.socket.close();
						CONNECTIONS.remove();
					}
					long now = System.nanoTime();
					Matcher m = ID.matcher(response);
					if (response.startsWith("HTTP/1.1 201") && m.find()) {
						ackedAt.put(Long.parseLong(m.group(1)), now);
					}
				}
				catch (Exception ex) {
					// Tomcat closes a keep-alive connection after 100 requests: the next request opens a new one
					Connection broken = CONNECTIONS.get();
					CONNECTIONS.remove();
					try {
						if (broken != null) {
							broken.socket.close();
						}
					}
					catch (java.io.IOException ignored) {
						// closing anyway
					}
				}
			});
		}
		clients.shutdown();
		clients.awaitTermination(60, TimeUnit.SECONDS);
		double achieved = ackedAt.size() / ((System.nanoTime() - start) / 1e9);
		long wait = System.nanoTime() + 30_000_000_000L;
		while (!seenAt.keySet().containsAll(ackedAt.keySet()) && System.nanoTime() < wait) {
			Thread.sleep(50);
		}
		volatile_running[0] = false;
		poller.join();
		long[] lags = ackedAt.entrySet().stream().filter(e -> seenAt.containsKey(e.getKey()))
			.mapToLong(e -> Math.max(0, seenAt.get(e.getKey()) - e.getValue())).sorted().toArray();
		System.out.printf("target=%d/s achieved=%.0f/s acked=%d in_db=%d lag_p50=%.1fms lag_p99=%.1fms lag_max=%.1fms%n", rate,
				achieved, ackedAt.size(), lags.length, lags[lags.length / 2] / 1e6, lags[(int) (lags.length * 0.99)] / 1e6,
				lags[lags.length - 1] / 1e6);
	}

	static final boolean[] volatile_running = { false };

	static final ThreadLocal<Connection> CONNECTIONS = new ThreadLocal<>();

	/** One keep-alive HTTP/1.1 connection: writes a request, reads one response (chunked or sized). */
	static final class Connection {

		final Socket socket;

		final java.io.DataInputStream in;

		/** The server announced it closes this connection after the response. */
		boolean closing;

		Connection(Socket socket) throws java.io.IOException {
			this.socket = socket;
			socket.setTcpNoDelay(true);
			this.in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
		}

		String exchange(byte[] request) throws java.io.IOException {
			socket.getOutputStream().write(request);
			StringBuilder head = new StringBuilder();
			String line;
			long length = -1;
			boolean chunked = false;
			while (!(line = readLine()).isEmpty()) {
				head.append(line).append('\n');
				String lower = line.toLowerCase();
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(line.substring(15).strip());
				}
				if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				if (lower.startsWith("connection:") && lower.contains("close")) {
					closing = true;
				}
			}
			StringBuilder body = new StringBuilder();
			if (chunked) {
				int size;
				while ((size = Integer.parseInt(readLine().strip(), 16)) > 0) {
					byte[] chunk = new byte[size];
					in.readFully(chunk);
					body.append(new String(chunk, StandardCharsets.UTF_8));
					readLine();
				}
				readLine();
			}
			else if (length > 0) {
				byte[] bytes = new byte[(int) length];
				in.readFully(bytes);
				body.append(new String(bytes, StandardCharsets.UTF_8));
			}
			return head + "\n" + body;
		}

		private String readLine() throws java.io.IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) != '\n') {
				if (b < 0) {
					throw new java.io.EOFException();
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

	}

	static void poll(String jdbc, ConcurrentHashMap<Long, Long> seenAt, java.util.concurrent.CountDownLatch ready) {
		try (java.sql.Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
			long lastSeen = maxId(s);
			ready.countDown();
			while (volatile_running[0]) {
				try (ResultSet rs = s.executeQuery("SELECT MAX(campaign_id) FROM digital_marketing_ad_performance_data")) {
					rs.next();
					long max = rs.getLong(1);
					long now = System.nanoTime();
					for (long id = lastSeen + 1; id <= max; id++) {
						seenAt.putIfAbsent(id, now);
					}
					lastSeen = Math.max(lastSeen, max);
				}
				Thread.sleep(5);
			}
		}
		catch (Exception ex) {
			throw new RuntimeException(ex);
		}
	}

	static long maxId(Statement s) throws java.sql.SQLException {
		try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(campaign_id), 0) FROM digital_marketing_ad_performance_data")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static final class Files {

		static String body() {
			return "{\"campaign_company\":\"Amazon\",\"campaign_name\":\"App Install Drive\",\"campaign_type\":\"Leads\","
					+ "\"marketing_channel\":\"Google\",\"ad_format\":\"Text\",\"date\":\"2024-10-15\",\"impressions\":43432,"
					+ "\"clicks\":2890,\"conversions\":1794,\"ad_spend\":752.33,\"device_type\":\"Mobile\","
					+ "\"country\":\"Australia\",\"audience_segment\":\"High Intent\"}";
		}

	}

}
