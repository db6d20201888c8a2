package dev.campaignpipe.status;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.WriterStatus;
import dev.campaignpipe.powerbi.ExportStatus;
import dev.campaignpipe.powerbi.PowerBiExporter;
import dev.campaignpipe.sync.SyncWorker;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Turns the pipeline's state into the sentences a person sees at the top of the form. */
@Component
public class Banners {

	private final CsvWriterService writer;

	private final Supplier<String> syncError;

	private final Supplier<ExportStatus> export;

	public Banners(CsvWriterService writer, Supplier<String> syncError, Supplier<ExportStatus> export) {
		this.writer = writer;
		this.syncError = syncError;
		this.export = export;
	}

	@Autowired
	public Banners(CsvWriterService writer, SyncWorker sync, PowerBiExporter export) {
		this(writer, sync::lastError, export::status); // every page shows banners: no
														// file reads here
	}

	public List<Banner> current() {
		List<Banner> banners = new ArrayList<>();
		WriterStatus status = writer.status();
		String file = java.nio.file.Path.of(status.csvPath()).getFileName().toString();
		if (status.refusingSince() != null) {
			banners.add(new Banner(Banner.Level.ERROR, file + " and its spool cannot be written since "
					+ status.refusingSince() + " (" + status.lastError()
					+ "). New records are refused, not saved: enter them again once there is"
					+ " room. Every record confirmed before is safe; this clears by itself when writing works again."));
		}
		else if (status.csvLocked() || status.spoolSize() > 0) {
			int waiting = status.spoolSize();
			banners.add(new Banner(Banner.Level.WARNING,
					file + " is open in another program — " + waiting + (waiting == 1 ? " record" : " records")
							+ " waiting, nothing is lost. Close it (in Excel) and they are written automatically."));
		}
		String databaseError = syncError.get();
		if (databaseError != null) {
			banners.add(new Banner(Banner.Level.WARNING, "The database mirror is paused (" + databaseError
					+ "). Records are still saved to the CSV and will be loaded when it is back."));
		}
		ExportStatus powerbi = export.get();
		if (powerbi != null && powerbi.lastError() != null) {
			banners.add(new Banner(Banner.Level.WARNING,
					"The Power BI export to " + powerbi.folder() + " is failing since " + powerbi.failingSince() + " ("
							+ powerbi.lastError() + "); it is retried until it succeeds."));
		}
		return banners;
	}

}
