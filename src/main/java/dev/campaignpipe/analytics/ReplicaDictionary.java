package dev.campaignpipe.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text fields the replica groups and filters by, stored as whole numbers: each
 * distinct value of a field gets a code the first time it is seen, kept in the replica's
 * {@code replica_dictionary} table. The engine groups ten million records by an integer
 * in about two thirds of the time it takes by text, and filters by one in half (measured
 * in docs/benchmarks.md §6). Codes are never reused or taken back, so a value new to the
 * records (a new company, a flagged record's odd channel) is just one more code, with no
 * rebuild.
 *
 * <p>
 * New codes are assigned on the replica's one writing thread and saved in the same
 * transaction as the first rows that use them ({@link #saveNew}); queries read the codes
 * from any thread.
 */
final class ReplicaDictionary {

	static final String TABLE = "replica_dictionary";

	private final Map<Dimension, Map<String, Integer>> codes = new EnumMap<>(Dimension.class);

	private final Map<Dimension, Map<Integer, String>> values = new EnumMap<>(Dimension.class);

	/** Codes assigned but not yet committed: dimension, code, value. */
	private final List<Object[]> unsaved = new ArrayList<>();

	private ReplicaDictionary() {
		for (Dimension d : Dimension.values()) {
			if (d.coded()) {
				codes.put(d, new ConcurrentHashMap<>());
				values.put(d, new ConcurrentHashMap<>());
			}
		}
	}

	static void create(Statement statement) throws SQLException {
		statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
				+ " (dimension VARCHAR NOT NULL, code INTEGER NOT NULL, value VARCHAR NOT NULL)");
	}

	/** The codes committed so far. */
	static ReplicaDictionary load(Connection connection) throws SQLException {
		ReplicaDictionary dictionary = new ReplicaDictionary();
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("SELECT dimension, code, value FROM " + TABLE)) {
			while (rs.next()) {
				Dimension d = Dimension.of(rs.getString(1)).orElseThrow();
				dictionary.put(d, rs.getInt(2), rs.getString(3));
			}
		}
		return dictionary;
	}

	/**
	 * The value's code, assigning the next one if it has none (the writing thread only).
	 */
	int code(Dimension dimension, String value) {
		Map<String, Integer> known = codes.get(dimension);
		Integer code = known.get(value);
		if (code == null) {
			code = known.size();
			put(dimension, code, value);
			unsaved.add(new Object[] { dimension.parameter(), code, value });
		}
		return code;
	}

	/** The value's code, or {@code null} if no record ever had it (no record matches). */
	Integer find(Dimension dimension, String value) {
		return codes.get(dimension).get(value);
	}

	/** The value a code stands for. */
	String value(Dimension dimension, int code) {
		return values.get(dimension).get(code);
	}

	/**
	 * Inserts the codes assigned since the last commit, inside the caller's transaction;
	 * {@link #committed()} once it commits. A rolled-back transaction leaves them
	 * unsaved, and the next one saves them.
	 */
	void saveNew(Connection connection) throws SQLException {
		if (unsaved.isEmpty()) {
			return;
		}
		try (PreparedStatement p = connection.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?)")) {
			for (Object[] entry : unsaved) {
				p.setString(1, (String) entry[0]);
				p.setInt(2, (Integer) entry[1]);
				p.setString(3, (String) entry[2]);
				p.addBatch();
			}
			p.executeBatch();
		}
	}

	void committed() {
		unsaved.clear();
	}

	private void put(Dimension dimension, int code, String value) {
		values.get(dimension).put(code, value);
		codes.get(dimension).put(value, code);
	}

}
