package dev.campaignpipe.sync;

import java.time.Instant;

/**
 * The database mirror's progress, for the status endpoint.
 *
 * @param bytesBehind bytes of the CSV not yet loaded
 * @param recordsBehind lines of the CSV not yet loaded
 * @param lastSync when the last batch was committed ({@code null} before the first)
 * @param lastError why the sync is not progressing, {@code null} when it is
 */
public record SyncStatus(boolean enabled, long bytesBehind, long recordsBehind, long syncedOffset, long generation,
		Instant lastSync, long rowsLoaded, long quarantined, String lastError) {
}
