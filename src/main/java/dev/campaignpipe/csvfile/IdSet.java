package dev.campaignpipe.csvfile;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * campaign_ids seen so far: a bit set for the usual dense ids, a hash set for the rare
 * huge ones.
 */
public final class IdSet {

	private final BitSet dense = new BitSet();

	private final Set<Long> sparse = new HashSet<>();

	/**
	 * @return whether {@code id} was new
	 */
	public boolean add(long id) {
		if (id >= 0 && id < Integer.MAX_VALUE) {
			boolean present = dense.get((int) id);
			dense.set((int) id);
			return !present;
		}
		return sparse.add(id);
	}

}
