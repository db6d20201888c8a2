package dev.campaignpipe.sync;

/**
 * One record of the CSV as bytes on disk.
 *
 * @param offset byte position where the line starts
 * @param lineNumber 1-based physical line number (the header is line 1)
 * @param text the line without its line break
 */
record CsvLine(long offset, long lineNumber, String text) {
}
