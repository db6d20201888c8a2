package dev.campaignpipe.csv;

/** Where an acknowledged record durably sits after the writer stage. */
public enum Location {

	/** Written and fsync'd in campaigns.csv. */
	CSV,
	/**
	 * The CSV was locked: fsync'd in the spool, to be moved into the CSV once it is
	 * writable.
	 */
	SPOOL,
	/**
	 * Cluster mode: held by the Kafka log on at least two brokers (not fsync'd); the
	 * sinks write it from there (SPEC §15).
	 */
	LOG

}
