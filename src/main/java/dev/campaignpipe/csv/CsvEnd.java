package dev.campaignpipe.csv;

import java.io.IOException;

/**
 * What the writer knows of the CSV's end: where its own last append ended, whether
 * another program wrote since, and whether a crash may have left its last line torn. The
 * next append must always start a line of its own. Used by the writer thread only.
 */
final class CsvEnd {

	private final CsvFile csv;

	private final IdSequence ids;

	/**
	 * CSV size after the writer's last append; any other size means another program wrote
	 * to it.
	 */
	private long expectedSize = -1;

	/**
	 * Whether the CSV's last line has been checked since start-up (a crash may have torn
	 * it).
	 */
	private boolean tailChecked;

	/**
	 * Another program changed the CSV since our last append: its last line may lack a
	 * line break.
	 */
	private boolean editedByOthers;

	CsvEnd(CsvFile csv, IdSequence ids) {
		this.csv = csv;
		this.ids = ids;
	}

	/** At start-up: repairs what a crash may have left, if the CSV can be opened. */
	void start() throws IOException {
		expectedSize = csv.size();
		ensureWholeLastLine();
	}

	/**
	 * Rows pasted into the CSV by hand (or by another tool) may carry ids above ours:
	 * continue after them. A stat per batch notices; the tail is read only when the size
	 * is not the one we left.
	 * @return the CSV's size before this batch (0 if it cannot be read: the append
	 * reports why)
	 */
	long followExternalEdits() {
		long size;
		try {
			size = csv.size();
		}
		catch (IOException ex) {
			return 0; // cannot be read: the append reports why
		}
		if (size != expectedSize) {
			expectedSize = size;
			editedByOthers = true;
			try {
				ensureWholeLastLine(); // their last row may lack its line break: counted
										// once it has one
			}
			catch (IOException ex) {
				// cannot be opened for writing (Excel): ended before our next append,
				// editedByOthers stays set
			}
			try {
				ids.start(Math.max(ids.last(), csv.maxIdInTail()));
			}
			catch (IOException ex) {
				expectedSize = -1; // ids not read: the next batch looks again
				return size;
			}
		}
		return expectedSize;
	}

	/**
	 * The next append must start a line of its own. After start-up the CSV's last line
	 * may be this writer's append torn by a crash (removed: it was never acknowledged);
	 * after another program wrote, its last line may lack a line break (ended, never
	 * glued onto).
	 */
	void ensureWholeLastLine() throws IOException {
		if (tailChecked && !editedByOthers) {
			return; // the common case: the file ends where our last append did
		}
		// after a crash, what starts where our last durable append ended is ours; after
		// others wrote, nothing is
		boolean changed = csv.repairTail(tailChecked ? Long.MAX_VALUE : ids.csvEnd());
		tailChecked = true;
		editedByOthers = false;
		if (changed) {
			expectedSize = csv.size();
		}
	}

	/** The writer appended: the file ends where it left it, at {@code size}. */
	void appended(long size) {
		expectedSize = size;
	}

	/** The CSV's length after the writer's last append, for the id mark. */
	long expectedSize() {
		return expectedSize;
	}

}
