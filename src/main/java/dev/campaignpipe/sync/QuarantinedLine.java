package dev.campaignpipe.sync;

/** A CSV line that could not be loaded, and why. */
record QuarantinedLine(CsvLine line, Long campaignId, String reason) {
}
