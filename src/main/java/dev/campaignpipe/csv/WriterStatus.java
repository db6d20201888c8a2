package dev.campaignpipe.csv;

import java.time.Instant;

/**
 * What the writer stage is doing, for the status page and the form's banner.
 *
 * @param csvLocked the last attempt to open campaigns.csv for writing failed
 * @param lockedSince when the current lock was first seen, {@code null} when not locked
 * @param lastError the failure behind the lock, for people
 * @param refusingSince since when neither the CSV nor the spool can be written (a full
 * disk, say): submissions are answered 503 and nothing is acknowledged; {@code null}
 * while writing works
 * @param lastId the highest campaign_id handed out so far
 */
public record WriterStatus(int queueDepth, int spoolSize, boolean csvLocked, Instant lockedSince, String lastError,
		Instant refusingSince, long lastId, String csvPath) {
}
