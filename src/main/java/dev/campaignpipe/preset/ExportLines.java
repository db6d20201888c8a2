package dev.campaignpipe.preset;

import java.io.IOException;
import java.util.List;

/** An export's lines, each as its cells: a text file's or a workbook's first sheet's. */
interface ExportLines extends AutoCloseable {

	/** The next line's cells, or {@code null} at the end. */
	List<String> next();

	/** Where the last line starts in the file (from 1): its line, or its sheet row. */
	long line();

	@Override
	void close() throws IOException;

}
