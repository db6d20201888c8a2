package dev.campaignpipe.sync;

/**
 * What the mirror table holds for a campaign_id: the hash of its values and where in the
 * CSV it was last read (which reading of the file, at which byte).
 */
record MirroredRow(String hash, long generation, long offset) {

	/** Loaded before by this very reading of the file, from this very line. */
	boolean isLine(long generation, long offset) {
		return this.generation == generation && this.offset == offset;
	}

}
