package dev.campaignpipe.sync;

/**
 * Another sink wrote the log entries this one was about to write (two database sinks on
 * one database take turns): nothing was written; read on from {@link #stored()}.
 */
public class LogPositionMovedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long stored;

	LogPositionMovedException(long expected, long stored) {
		super("the database is at log offset " + stored + ", not at " + expected + ": another sink wrote meanwhile");
		this.stored = stored;
	}

	/** The next offset the database expects. */
	public long stored() {
		return stored;
	}

}
