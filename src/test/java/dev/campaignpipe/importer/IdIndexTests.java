package dev.campaignpipe.importer;

import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdIndexTests {

	@Test
	void keepsEveryIdWithItsHashAcrossGrowth() {
		IdIndex index = new IdIndex();
		for (long id = 1; id <= 300_000; id++) {
			index.put(id * 7, id);
		}
		index.put(14, 42); // a second put replaces the hash
		assertThat(index.size()).isEqualTo(300_000);
		assertThat(index.hash(14)).isEqualTo(42);
		assertThat(index.hash(7 * 300_000L)).isEqualTo(300_000);
		assertThat(index.contains(8)).isFalse();
		assertThat(index.hash(8)).isEqualTo(IdIndex.UNKNOWN);
	}

	/**
	 * Consecutive ids — what an import brings — must spread over the whole table at every
	 * size, including past 2^24 slots, where a fixed 24-bit slot left the upper part of
	 * the table empty.
	 */
	@ParameterizedTest(name = "capacity 2^{0}")
	@ValueSource(ints = { 16, 20, 24, 25, 26, 28, 30 })
	void consecutiveIdsSpreadOverTheWholeTable(int bits) {
		int capacity = 1 << bits;
		int samples = 1 << 16;
		BitSet eighths = new BitSet(8);
		for (long id = 1; id <= samples; id++) {
			int slot = IdIndex.slot(id, capacity);
			assertThat(slot).isBetween(0, capacity - 1);
			eighths.set((int) ((long) slot * 8 / capacity));
		}
		assertThat(eighths.cardinality()).as("eighths of the table reached").isEqualTo(8);
	}

	@Test
	void tenThousandConsecutiveIdsLandInAsManySlotsAtTheSizesAnImportReaches() {
		for (int bits : new int[] { 24, 25, 26 }) {
			BitSet slots = new BitSet(1 << bits);
			for (long id = 1; id <= 10_000; id++) {
				slots.set(IdIndex.slot(id, 1 << bits));
			}
			assertThat(slots.cardinality()).as("distinct slots at 2^%d", bits).isEqualTo(10_000);
		}
	}

}
