package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * While the writer refuses records (neither the CSV nor the spool took the last batch)
 * and nobody submits, checks now and then whether the data folder takes writes again (a
 * probe file written, fsync'd and removed), so the banner clears by itself. Used by the
 * writer thread only.
 */
final class FullDiskProbe {

	/**
	 * About one large batch of records: room for this means a submission would very
	 * likely fit too.
	 */
	private static final int PROBE_BYTES = 64 * 1024;

	private final CsvFile csv;

	private final Spool spool;

	private final WriterHealth health;

	private final Path file;

	FullDiskProbe(CsvFile csv, Spool spool, WriterHealth health, Path file) {
		this.csv = csv;
		this.spool = spool;
		this.health = health;
		this.file = file;
	}

	/**
	 * Probes once and tells the health the result. Stray bytes of a failed append are cut
	 * off first: a restart must not find them.
	 */
	void probe() {
		try {
			spool.finishCutBack();
			csv.finishCutBack();
			try (FileChannel probe = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				probe.write(ByteBuffer.allocate(PROBE_BYTES));
				probe.force(false);
			}
			finally {
				Files.deleteIfExists(file);
			}
			health.probeSucceeded(spool.isEmpty());
		}
		catch (IOException ex) {
			health.probeFailed(DiskFull.described(ex));
		}
	}

}
