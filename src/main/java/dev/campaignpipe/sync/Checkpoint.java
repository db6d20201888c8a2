package dev.campaignpipe.sync;

import dev.campaignpipe.csvfile.FileFingerprint;

/**
 * How far the CSV has been loaded, stored in the same transaction as the rows it covers.
 *
 * @param fileKey identity of the file read (changes when Excel saves it anew)
 * @param headHash hash of the file's first bytes, to notice a file rewritten in place
 * @param tailHash hash of the bytes just before {@code offset}, likewise
 * @param generation how many times the file has been read from the start
 * @param offset bytes loaded, always at a record boundary
 * @param lineNumber lines loaded (header included)
 */
record Checkpoint(String fileKey, String headHash, String tailHash, long generation, long offset, long lineNumber) {

	/**
	 * What the file looked like where this checkpoint was taken, to tell whether it is
	 * still that file.
	 */
	FileFingerprint.Mark mark() {
		return new FileFingerprint.Mark(fileKey, offset, headHash, tailHash);
	}

	static Checkpoint initial() {
		return new Checkpoint("", "", "", 0, 0, 0);
	}

}
