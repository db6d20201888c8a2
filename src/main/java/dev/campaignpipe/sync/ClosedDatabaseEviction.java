package dev.campaignpipe.sync;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool that a connection to an embedded H2 database that closed
 * itself is dead. H2 closes the whole database after a failed write to its file (a full
 * disk, say) and answers every later call on the open connections with "database has been
 * closed"; those codes are not SQL connection errors (class 08), so the pool would hand
 * the same dead connection to the sync forever. Evicted, the next connection opens the
 * database again once its file can be written, and the sync catches up without a restart.
 * Other databases' errors are left to the pool's own rules (MariaDB's lost connections
 * are class 08).
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

	/** H2's DATABASE_IS_CLOSED and DATABASE_CALLED_AT_SHUTDOWN. */
	private static final Set<String> CLOSED = Set.of("90098", "90121");

	@java.lang.Override
	public Override adjudicate(SQLException ex) {
		return CLOSED.contains(ex.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
	}

}
