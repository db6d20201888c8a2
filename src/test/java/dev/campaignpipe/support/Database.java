package dev.campaignpipe.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC to the product's database from a test, as an analyst's SQL client would
 * connect.
 */
public record Database(String url, String user, String password) {

	/**
	 * The embedded H2 database of the product whose data folder is {@code dataDir},
	 * opened beside it (the product's URL: MySQL mode, automatic server).
	 */
	public static Database embedded(java.nio.file.Path dataDir) {
		return new Database("jdbc:h2:file:" + dataDir + "/db/pipeline;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
				+ "CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=DATE,MONTH,YEAR,QUARTER,VALUE;AUTO_SERVER=TRUE", "sa",
				"");
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url, user, password);
	}

	public long count(String sql, Object... args) throws SQLException {
		List<List<Object>> rows = query(sql, args);
		return ((Number) rows.get(0).get(0)).longValue();
	}

	public List<List<Object>> query(String sql, Object... args) throws SQLException {
		try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				s.setObject(i + 1, args[i]);
			}
			try (ResultSet rs = s.executeQuery()) {
				List<List<Object>> rows = new ArrayList<>();
				int columns = rs.getMetaData().getColumnCount();
				while (rs.next()) {
					List<Object> row = new ArrayList<>();
					for (int i = 1; i <= columns; i++) {
						row.add(rs.getObject(i));
					}
					rows.add(row);
				}
				return rows;
			}
		}
	}

	public int update(String sql, Object... args) throws SQLException {
		try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				s.setObject(i + 1, args[i]);
			}
			return s.executeUpdate();
		}
	}

}
