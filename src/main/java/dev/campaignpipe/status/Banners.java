package dev.campaignpipe.status;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.WriterStatus;
import dev.campaignpipe.powerbi.ExportStatus;
import dev.campaignpipe.powerbi.PowerBiExporter;
import dev.campaignpipe.sync.SyncStatus;
import dev.campaignpipe.sync.SyncWorker;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Turns the pipeline's state into the sentences a person sees at the top of the form. */
@Component
public class Banners {

	private final CsvWriterService writer;

	private final Supplier<SyncStatus> sync;

	private final Supplier<ExportStatus> export;

	public Banners(CsvWriterService writer, Supplier<SyncStatus> sync, Supplier<ExportStatus> export) {
		this.writer = writer;
		this.sync = sync;
		this.export = export;
	}

	@Autowired
	public Banners(CsvWriterService writer, SyncWorker sync, PowerBiExporter export) {
		this(writer, sync::status, export::status);
	}

	public List<Banner> current() {
		List<Banner> banners = new ArrayList<>();
		WriterStatus status = writer.status();
		String file = java.nio.file.Path.of(status.csvPath()).getFileName().toString();
		if (status.csvLocked() || status.spoolSize() > 0) {
			int waiting = status.spoolSize();
			banners.add(new Banner("warning", file + " is open in another program — " + waiting
					+ (waiting == 1 ? " record" : " records") + " waiting, nothing is lost. Close it (in Excel) and they are written automatically."));
		}
		SyncStatus database = sync.get();
		if (database != null && database.lastError() != null) {
			banners.add(new Banner("warning", "The database mirror is paused (" + database.lastError()
					+ "). Records are still saved to the CSV and will be loaded when it is back."));
		}
		ExportStatus powerbi = export.get();
		if (powerbi != null && powerbi.lastError() != null) {
			banners.add(new Banner("warning", "The Power BI export to " + powerbi.folder() + " is failing since "
					+ powerbi.failingSince() + " (" + powerbi.lastError() + "); it is retried until it succeeds."));
		}
		return banners;
	}

}
