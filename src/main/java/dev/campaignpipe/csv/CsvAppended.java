package dev.campaignpipe.csv;

/**
 * Published after records were durably appended to campaigns.csv, so later stages look at
 * once.
 */
public record CsvAppended(int records) {
}
