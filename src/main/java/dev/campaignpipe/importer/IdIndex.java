package dev.campaignpipe.importer;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.csvfile.LineConverter;

/**
 * campaign_id → content hash (64 bits) for every record already stored, in primitive
 * arrays with open addressing: a million ids take about 32 MB instead of the hundreds a
 * HashMap would need, so a large import runs in a small heap.
 */
final class IdIndex {

	/**
	 * Hash of a taken id whose content is unknown (a quarantined line): never equal to a
	 * real hash.
	 */
	static final long UNKNOWN = 0;

	private long[] keys = new long[1 << 16];

	private long[] hashes = new long[1 << 16];

	private boolean[] used = new boolean[1 << 16];

	private int size;

	void put(long id, long hash) {
		if (size * 2 >= keys.length) {
			grow();
		}
		int slot = slot(id, keys.length);
		while (used[slot] && keys[slot] != id) {
			slot = (slot + 1) & (keys.length - 1);
		}
		if (!used[slot]) {
			used[slot] = true;
			keys[slot] = id;
			size++;
		}
		hashes[slot] = hash;
	}

	boolean contains(long id) {
		return find(id) >= 0;
	}

	/** The stored hash; only meaningful when {@link #contains(long)}. */
	long hash(long id) {
		int slot = find(id);
		return slot < 0 ? UNKNOWN : hashes[slot];
	}

	int size() {
		return size;
	}

	private int find(long id) {
		int slot = slot(id, keys.length);
		while (used[slot]) {
			if (keys[slot] == id) {
				return slot;
			}
			slot = (slot + 1) & (keys.length - 1);
		}
		return -1;
	}

	private void grow() {
		long[] oldKeys = keys;
		long[] oldHashes = hashes;
		boolean[] oldUsed = used;
		keys = new long[oldKeys.length * 2];
		hashes = new long[oldKeys.length * 2];
		used = new boolean[oldKeys.length * 2];
		size = 0;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldUsed[i]) {
				put(oldKeys[i], oldHashes[i]);
			}
		}
	}

	/**
	 * Fibonacci hashing: the top bits of the product, as many as the table needs. (Taking
	 * a fixed 24 bits left every slot above 2^24 unused, so past ~8 million ids probing
	 * ran long.)
	 */
	static int slot(long id, int capacity) {
		long mixed = id * 0x9E3779B97F4A7C15L;
		return (int) (mixed >>> (64 - Integer.numberOfTrailingZeros(capacity)));
	}

	/** The value this index keeps for a record's content: its content hash, shortened. */
	static long hashOf(Campaign campaign) {
		return hash64(LineConverter.contentHash(campaign));
	}

	/** The first 64 bits of a hex content hash. */
	static long hash64(String hex) {
		long value = Long.parseUnsignedLong(hex.substring(0, 16), 16);
		return value == UNKNOWN ? 1 : value;
	}

}
