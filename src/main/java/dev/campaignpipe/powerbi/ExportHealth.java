package dev.campaignpipe.powerbi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the export attempts came to: the status the status page and the banner show, how
 * long the last export took (it paces the next one), and how long to wait before retrying
 * a failed one.
 */
final class ExportHealth {

	// logged under the exporter's name, as before this class was split from it: log
	// settings that name the exporter keep working
	private static final Logger log = LoggerFactory.getLogger(PowerBiExporter.class);

	private final PipelineProperties.PowerBi settings;

	private final Path folder;

	private volatile Instant lastExport;

	private volatile long lastExportRows;

	private volatile String lastError;

	private volatile Instant failingSince;

	private volatile long lastDurationMillis;

	/** Only used by the export, which runs one at a time. */
	private Duration retry;

	ExportHealth(PipelineProperties.PowerBi settings, Path folder) {
		this.settings = settings;
		this.folder = folder;
		this.retry = settings.debounce();
	}

	/**
	 * Records a complete export.
	 * @param records fact rows of the star schema, -1 when it is off
	 */
	void succeeded(long records, long durationMillis) {
		lastExport = Instant.now();
		lastExportRows = records;
		lastDurationMillis = durationMillis;
		if (lastError != null) {
			log.info("Power BI export to {} works again", folder);
		}
		lastError = null;
		failingSince = null;
		retry = settings.debounce();
	}

	/**
	 * Records a failed export.
	 * @return how long to wait before the next attempt: doubled at each failure, up to
	 * retry-max
	 */
	Duration failed(Exception ex) {
		if (lastError == null) {
			log.warn("Power BI export to {} failed, retrying: {}", folder, ex.toString());
			failingSince = Instant.now();
		}
		lastError = ex.toString();
		retry = Backoff.doubled(retry, settings.retryMax());
		return retry;
	}

	long lastDurationMillis() {
		return lastDurationMillis;
	}

	ExportStatus status() {
		return new ExportStatus(settings.enabled(), folder.toAbsolutePath().toString(), settings.fileName(), lastExport,
				lastExportRows, lastError, failingSince);
	}

}
