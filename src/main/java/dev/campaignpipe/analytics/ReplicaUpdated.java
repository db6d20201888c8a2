package dev.campaignpipe.analytics;

/** Published when new data became queryable in the replica. */
record ReplicaUpdated(long records) {
}
