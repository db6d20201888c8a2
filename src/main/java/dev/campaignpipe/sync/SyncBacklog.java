package dev.campaignpipe.sync;

/**
 * Whether the database mirror is loading a large backlog right now (a bulk append, a
 * rescan). Other consumers of the CSV on the same cores may wait for it rather than
 * compete.
 */
@FunctionalInterface
public interface SyncBacklog {

	boolean loadingBacklog();

}
