package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.campaignpipe.common.Backoff;
import dev.campaignpipe.config.PipelineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the writer can write, and when it tries again: the facts behind the banner, the
 * status API and the retry schedule. Changed by the writer thread only; read from any.
 */
final class WriterHealth {

	private static final Logger log = LoggerFactory.getLogger(WriterHealth.class);

	private final PipelineProperties.Csv settings;

	private final Path csv;

	/**
	 * The last attempt to open the CSV for writing failed (Excel has it, a full disk).
	 */
	private volatile Instant lockedSince;

	/**
	 * Neither the CSV nor the spool could take the last batch: refusing until writing
	 * works.
	 */
	private volatile Instant refusingSince;

	private volatile String lastError;

	private Duration retryDelay;

	private long nextRetryNanos;

	WriterHealth(PipelineProperties.Csv settings, Path csv) {
		this.settings = settings;
		this.csv = csv;
		this.retryDelay = settings.retryInitial();
	}

	/** The CSV could not be written: spool, and retry with backoff. */
	void locked(IOException ex) {
		if (lockedSince == null) {
			lockedSince = Instant.now();
			retryDelay = settings.retryInitial();
			log.warn("{} cannot be written ({}); records go to the spool until it can", csv, ex.toString());
		}
		else {
			retryDelay = Backoff.doubled(retryDelay, settings.retryMax());
		}
		lastError = ex.toString();
		nextRetryNanos = System.nanoTime() + retryDelay.toNanos();
	}

	/**
	 * Nothing can be made durable: every submission of the batch is answered 503, nothing
	 * is acknowledged. Logged once per episode, not once per refused batch.
	 */
	void refusing(IOException ex) {
		if (refusingSince == null) {
			refusingSince = Instant.now();
			log.error("CSV writer: neither {} nor the spool can be written; refusing records until they can", csv, ex);
		}
		lastError = ex.toString();
	}

	/** A batch was made durable, in the CSV or the spool. */
	void acknowledging() {
		if (refusingSince != null) {
			refusingSince = null;
			log.info("CSV writer: writing again, records are acknowledged");
		}
	}

	/** The CSV took an append. */
	void writable() {
		lockedSince = null;
		lastError = null;
	}

	/** A probe write succeeded while refusing: records are acknowledged again. */
	void probeSucceeded(boolean spoolEmpty) {
		refusingSince = null;
		if (spoolEmpty) {
			writable();
		}
		log.info("CSV writer: the data folder takes writes again; records are acknowledged");
	}

	void probeFailed(IOException ex) {
		lastError = ex.toString();
		retryDelay = Backoff.doubled(retryDelay, settings.retryMax());
		nextRetryNanos = System.nanoTime() + retryDelay.toNanos();
	}

	boolean retryDue() {
		return System.nanoTime() - nextRetryNanos >= 0;
	}

	/** How long the writer may wait for a submission before the next retry is due. */
	long millisToRetry() {
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextRetryNanos - System.nanoTime()));
	}

	boolean isRefusing() {
		return refusingSince != null;
	}

	Instant lockedSince() {
		return lockedSince;
	}

	Instant refusingSince() {
		return refusingSince;
	}

	String lastError() {
		return lastError;
	}

}
