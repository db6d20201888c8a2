package dev.campaignpipe.powerbi;

import java.time.Instant;

/**
 * Published after an export replaced the Power BI files: it holds every record the CSV
 * held when it {@code started} reading it. For the records' trails.
 */
public record ExportWritten(Instant started, Instant finished) {
}
