package dev.campaignpipe.powerbi;

import java.time.Instant;

/**
 * The Power BI export's state, for the status endpoint and the banner.
 *
 * @param lastExport when the last complete export was renamed into place
 * @param lastExportRows records in the star schema's fact file, -1 when the star schema
 * is off
 * @param lastError why the latest attempt failed, {@code null} after a success
 */
public record ExportStatus(boolean enabled, String folder, String file, Instant lastExport, long lastExportRows,
		String lastError, Instant failingSince) {
}
