package dev.campaignpipe.csvfile;

/** A CSV line that could not be loaded, and why. */
public record QuarantinedLine(CsvLine line, Long campaignId, String reason) {
}
