package dev.campaignpipe.sync;

/**
 * The database does not hold the checkpoint the sync last committed or read. It happens
 * when the database went back in time without the sync seeing an error: H2 keeps commits
 * in memory for up to a second, and after a failed write (a full disk) the pool reopens
 * it from the file, without them. Continuing from the sync's own idea of the offset would
 * skip those rows for good; reading the checkpoint again loads them.
 */
class CheckpointMovedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CheckpointMovedException(Checkpoint expected, Checkpoint stored) {
		super("the database holds the sync checkpoint at byte " + stored.offset() + " (reading " + stored.generation()
				+ "), not at byte " + expected.offset() + " (reading " + expected.generation() + ")");
	}

}
