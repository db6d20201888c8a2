package dev.campaignpipe.sync;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;

import dev.campaignpipe.csvfile.SyncedRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts new rows through {@code LOAD DATA LOCAL INFILE} fed from memory: MariaDB's and
 * MySQL's fastest way in, about 1.5× quicker on the server than batched INSERTs, and the
 * driver streams the rows while the server parses them. Only the sync's own INSERTs go
 * this way, inside the batch's transaction, so rows and checkpoint still commit together.
 * <p>
 * LOAD DATA LOCAL turns errors (a duplicate key, a value that does not fit) into warnings
 * and skips or adjusts the row. So each load runs behind a savepoint and must report
 * exactly the rows sent and no warning; otherwise it is rolled back and the caller uses
 * plain INSERTs, which fail loudly as before. A server or driver that refuses local files
 * switches this off for good.
 */
final class LocalInfileLoad {

	private static final Logger log = LoggerFactory.getLogger(LocalInfileLoad.class);

	/**
	 * ER_NOT_ALLOWED_COMMAND (older MariaDB, MySQL 5.7), ER_CLIENT_LOCAL_FILES_DISABLED
	 * (MySQL 8), ER_LOAD_INFILE_CAPABILITY_DISABLED (MariaDB 10.5+).
	 */
	private static final List<Integer> REFUSED = List.of(1148, 3948, 4166);

	private static final String SQL = "LOAD DATA LOCAL INFILE 'campaigns-sync.tsv' INTO TABLE " + CampaignTable.TABLE
			+ " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
			+ CampaignTable.INSERT_COLUMNS + ")";

	private volatile boolean available = true;

	/**
	 * @return whether the rows were loaded; {@code false} leaves the transaction as it
	 * was
	 */
	boolean load(Connection connection, List<SyncedRow> rows, long generation) throws SQLException {
		if (!available || !connection.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
			return false;
		}
		Savepoint savepoint = connection.setSavepoint();
		try (Statement statement = connection.createStatement()) {
			statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new Rows(rows, generation));
			long loaded = statement.executeLargeUpdate(SQL);
			SQLWarning warning = statement.getWarnings();
			if (loaded == rows.size() && warning == null) {
				connection.releaseSavepoint(savepoint);
				return true;
			}
			log.warn("LOAD DATA took {} of {} rows ({}); loading this batch with INSERT instead", loaded, rows.size(),
					warning == null ? "no warning" : warning.getMessage());
		}
		catch (SQLException ex) {
			if (!REFUSED.contains(ex.getErrorCode())) {
				throw ex;
			}
			available = false;
			log.info("the database refuses LOAD DATA LOCAL INFILE ({}): loading with batched INSERT", ex.getMessage());
		}
		connection.rollback(savepoint);
		return false;
	}

	/**
	 * The rows as tab-separated text in the column order of {@link #SQL}, encoded as the
	 * driver reads.
	 */
	private static final class Rows extends InputStream {

		private final Iterator<SyncedRow> rows;

		private final long generation;

		private final StringBuilder line = new StringBuilder(512);

		private byte[] current = new byte[0];

		private int position;

		Rows(List<SyncedRow> rows, long generation) {
			this.rows = rows.iterator();
			this.generation = generation;
		}

		@Override
		public int read() {
			return fill() ? current[position++] & 0xff : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			int n = Math.min(length, current.length - position);
			System.arraycopy(current, position, buffer, offset, n);
			position += n;
			return n;
		}

		private boolean fill() {
			while (position == current.length) {
				if (!rows.hasNext()) {
					return false;
				}
				current = encode(rows.next());
				position = 0;
			}
			return true;
		}

		private byte[] encode(SyncedRow row) {
			line.setLength(0);
			for (Object value : CampaignTable.insertValues(row, generation)) {
				append(value);
				line.append('\t');
			}
			line.setCharAt(line.length() - 1, '\n');
			return line.toString().getBytes(StandardCharsets.UTF_8);
		}

		private void append(Object value) {
			if (value == null) {
				line.append("\\N");
			}
			else if (value instanceof BigDecimal decimal) {
				line.append(decimal.toPlainString());
			}
			else if (value instanceof String text) {
				escape(text);
			}
			else if (value instanceof Long number) {
				line.append(number.longValue());
			}
			else if (value instanceof Integer number) {
				line.append(number.intValue());
			}
			else {
				line.append(value); // LocalDate (ISO)
			}
		}

		/**
		 * The escapes LOAD DATA undoes with ESCAPED BY '\\': nothing in a value can end a
		 * field or line.
		 */
		private void escape(String text) {
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				switch (c) {
					case '\\' -> line.append("\\\\");
					case '\t' -> line.append("\\t");
					case '\n' -> line.append("\\n");
					case '\r' -> line.append("\\r");
					case '\0' -> line.append("\\0");
					default -> line.append(c);
				}
			}
		}

	}

}
