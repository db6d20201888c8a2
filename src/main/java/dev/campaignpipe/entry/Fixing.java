package dev.campaignpipe.entry;

/**
 * What the entry form shows when it repairs a line rather than takes a new record: the
 * line as it was, why it was set aside, and where the fix is posted.
 */
record Fixing(String title, String reason, String raw, String action) {
}
