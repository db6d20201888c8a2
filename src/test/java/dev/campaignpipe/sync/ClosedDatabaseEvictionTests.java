package dev.campaignpipe.sync;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures take a connection out of the pool. The whole recovery, on a real full
 * disk, is DatabaseFullDiskIntegrationTests; this pins the rule itself, which that test
 * cannot tell apart from the pool's idle-connection check.
 */
class ClosedDatabaseEvictionTests {

	@ParameterizedTest(name = "SQLState {0}: {1}")
	@CsvSource({ "90098, MUST_EVICT", // H2: the database has been closed (after a failed
										// write)
			"90121, MUST_EVICT", // H2: database called at shutdown
			"23505, CONTINUE_EVICT", // a duplicate key: the connection is fine
			"42S02, CONTINUE_EVICT", // a missing table: the connection is fine
			"08S01, CONTINUE_EVICT" // a lost connection: the pool's own rule already
									// evicts it
	})
	void closedEmbeddedDatabasesAreEvictedEverythingElseIsLeftToThePool(String state, Override expected) {
		SQLException failure = new SQLNonTransientConnectionException("failure", state);
		assertThat(new ClosedDatabaseEviction().adjudicate(failure)).isEqualTo(expected);
	}

}
