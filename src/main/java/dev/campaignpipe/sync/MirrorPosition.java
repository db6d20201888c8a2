package dev.campaignpipe.sync;

/**
 * How far the mirror has read the CSV: which reading of the file (a new one starts when
 * the file is replaced) and up to which byte. Positions of one mirror are ordered.
 */
public record MirrorPosition(long generation, long offset) implements Comparable<MirrorPosition> {

	/** Before anything was loaded. */
	public static final MirrorPosition START = new MirrorPosition(0, 0);

	@Override
	public int compareTo(MirrorPosition other) {
		int byGeneration = Long.compare(generation, other.generation);
		return byGeneration != 0 ? byGeneration : Long.compare(offset, other.offset);
	}

	static MirrorPosition of(Checkpoint checkpoint) {
		return new MirrorPosition(checkpoint.generation(), checkpoint.offset());
	}

}
