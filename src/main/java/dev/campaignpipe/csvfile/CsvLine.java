package dev.campaignpipe.csvfile;

/**
 * One record of the CSV as bytes on disk.
 *
 * @param offset byte position where the line starts
 * @param lineNumber 1-based physical line number (the header is line 1)
 * @param text the line without its line break
 */
public record CsvLine(long offset, long lineNumber, String text) {
}
