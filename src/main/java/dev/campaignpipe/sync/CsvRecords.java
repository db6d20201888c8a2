package dev.campaignpipe.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.campaignpipe.campaign.StoredCampaign;

/**
 * Reads a whole CSV back as records, in file order, streaming (memory does not grow with the
 * file): header by name, rows normalized and validated as the database sync does, a repeated
 * campaign_id kept at its first occurrence. Used by the Power BI export and by {@code verify}.
 */
public final class CsvRecords {

	private static final int CHUNK_LINES = 10_000;

	private static final int CHUNK_BYTES = 8 * 1024 * 1024;

	private CsvRecords() {
	}

	/** What a full read found besides the records. */
	public record Summary(long records, long skipped) {
	}

	public static Summary forEach(Path csv, LineConverter converter, Consumer<StoredCampaign> consumer) throws IOException {
		Seen seen = new Seen();
		long[] counts = new long[2];
		forEachLine(csv, (reader, text) -> {
			StoredCampaign record = converter.record(reader, text).orElse(null);
			if (record != null && seen.add(record.id())) {
				consumer.accept(record);
				counts[0]++;
			}
			else if (record != null || !text.isBlank()) {
				counts[1]++;
			}
		});
		return new Summary(counts[0], counts[1]);
	}

	/** Every whole line after the header, with a reader for the file's header, streaming. */
	public static void forEachLine(Path csv, BiConsumer<RowReader, String> consumer) throws IOException {
		if (!Files.exists(csv)) {
			return;
		}
		CsvTail.Chunk header = CsvTail.read(csv, 0, 0, 1, 64 * 1024);
		if (header.lines().isEmpty()) {
			return;
		}
		RowReader reader = RowReader.fromHeader(header.lines().get(0).text());
		long offset = header.endOffset();
		long line = header.endLine();
		while (true) {
			CsvTail.Chunk chunk = CsvTail.read(csv, offset, line, CHUNK_LINES, CHUNK_BYTES);
			if (chunk.endOffset() == offset) {
				return;
			}
			for (CsvLine csvLine : chunk.lines()) {
				consumer.accept(reader, csvLine.text());
			}
			offset = chunk.endOffset();
			line = chunk.endLine();
		}
	}

	/** Ids seen so far: a bit set for the usual dense ids, a set for the rare huge ones. */
	private static final class Seen {

		private final BitSet dense = new BitSet();

		private final Set<Long> sparse = new HashSet<>();

		boolean add(long id) {
			if (id < Integer.MAX_VALUE) {
				boolean present = dense.get((int) id);
				dense.set((int) id);
				return !present;
			}
			return sparse.add(id);
		}

	}

}
