package dev.campaignpipe.csv;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.common.Durable;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.csvfile.CsvTail;

/**
 * Records whose values an ad platform restated (SPEC §14): the same campaign_id with new
 * numbers. A restatement is durable once its line is fsync'd in
 * {@code state/restatements.csv}; it reaches campaigns.csv as Excel saves a file — a new
 * file with the changed lines in place, fsync'd and renamed over the old one — so the
 * sync reads the file again (changed rows updated, the rest skipped) and the export and
 * the dashboard follow. While the CSV is locked or records wait in the spool, it waits
 * and is tried again. Used by the writer thread only.
 */
final class Restatements {

	/** The longest line looked at ahead of a record (a hand-made 1 MB value fits). */
	private static final int LOOK_AHEAD = 8 * 1024 * 1024;

	private final Path pending;

	private final Path csv;

	Restatements(Path pending, Path csv) {
		this.pending = pending;
		this.csv = csv;
	}

	/** Whether restatements wait to be written into the CSV. */
	boolean waiting() {
		return Files.exists(pending);
	}

	/** Makes the restatements durable (appended and fsync'd to the pending file). */
	void add(Map<Long, Campaign> changes) throws IOException {
		if (changes.isEmpty()) {
			return;
		}
		Files.createDirectories(pending.toAbsolutePath().getParent());
		List<StoredCampaign> lines = changes.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(e -> StoredCampaign.of(e.getKey(), e.getValue()))
			.toList();
		boolean created = !Files.exists(pending);
		try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			ByteBuffer bytes = ByteBuffer.wrap(CsvFormat.lines(lines)); // UTF-8, as the
																		// CSV
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			channel.force(true);
		}
		if (created) {
			Durable.syncDirectory(pending.toAbsolutePath().getParent());
		}
	}

	/**
	 * Writes the waiting restatements into a new CSV and renames it over the old one;
	 * then forgets them. A crash before the rename leaves the old CSV and the pending
	 * file (applied again at the next try); after it, applying them again changes
	 * nothing.
	 * @return the number of records changed in the CSV
	 * @throws IOException when the CSV cannot be read or replaced (locked): they wait
	 */
	Applied apply() throws IOException {
		Map<Long, String> lines = readPending();
		int changed = 0;
		Path dir = csv.toAbsolutePath().getParent();
		Path tmp = Durable.newReplacementFile(dir, csv);
		try {
			// Latin-1 maps every byte to one char and back: the lines kept are copied
			// byte for
			// byte, whatever encoding Excel saved them in
			try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.ISO_8859_1);
					OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.WRITE);
					BufferedWriter out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.ISO_8859_1),
							1 << 16)) {
				boolean header = true;
				for (String record = nextRecord(in); record != null; record = nextRecord(in)) {
					String replacement = header ? null : lines.remove(idOf(record));
					header = false;
					if (replacement != null) {
						out.write(replacement);
						changed++;
					}
					else {
						out.write(record);
						out.write("\r\n");
					}
				}
				out.flush();
				try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
					channel.force(true);
				}
			}
			try {
				Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING);
			}
			Durable.syncDirectory(dir);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
		Files.delete(pending);
		Durable.syncDirectory(pending.toAbsolutePath().getParent());
		return new Applied(changed, List.copyOf(lines.keySet()));
	}

	/**
	 * What a rewrite did.
	 *
	 * @param changed records replaced in the CSV
	 * @param missing ids no longer in the CSV (its line deleted by hand since): nothing
	 * to restate
	 */
	record Applied(int changed, List<Long> missing) {
	}

	/**
	 * id → its new CSV line (with CRLF) as Latin-1 chars of its UTF-8 bytes; a later
	 * restatement of an id wins.
	 */
	private Map<Long, String> readPending() throws IOException {
		Map<Long, String> lines = new HashMap<>();
		try (BufferedReader in = Files.newBufferedReader(pending, StandardCharsets.ISO_8859_1)) {
			for (String record = nextRecord(in); record != null; record = nextRecord(in)) {
				Long id = idOf(record);
				if (id != null) {
					lines.put(id, record + "\r\n");
				}
			}
		}
		return lines;
	}

	/**
	 * The next CSV record without its line break: physical lines joined while a quoted
	 * field is open, ended where the sync ends it ({@link CsvTail#split}): at a line that
	 * starts a record of its own, or after {@link CsvTail#MAX_SPAN} lines — so a stray
	 * quote in a line edited by hand cannot swallow the records after it, and a record is
	 * replaced here exactly as the sync read it.
	 */
	private static String nextRecord(BufferedReader in) throws IOException {
		String line = in.readLine();
		if (line == null) {
			return null;
		}
		StringBuilder record = null;
		int lines = 1;
		while (lines < CsvTail.MAX_SPAN && quotesOpen(record == null ? line : record)) {
			in.mark(LOOK_AHEAD);
			String more = in.readLine();
			if (more == null) {
				break;
			}
			if (CsvTail.startsRecord(more)) {
				in.reset(); // the open quote was stray: the next record starts here
				break;
			}
			if (record == null) {
				record = new StringBuilder(line);
			}
			record.append("\r\n").append(more);
			lines++;
		}
		return record == null ? line : record.toString();
	}

	private static boolean quotesOpen(CharSequence text) {
		int quotes = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '"') {
				quotes++;
			}
		}
		return quotes % 2 == 1;
	}

	/** The campaign_id a line starts with, or {@code null} when it starts with none. */
	private static Long idOf(String record) {
		int comma = record.indexOf(',');
		String text = (comma < 0 ? record : record.substring(0, comma)).replace("\"", "").strip();
		if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Long.parseLong(text);
	}

}
