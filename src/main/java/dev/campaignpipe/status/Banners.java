package dev.campaignpipe.status;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.campaignpipe.cluster.EntryStatus;
import dev.campaignpipe.cluster.KafkaCampaignQueue;
import dev.campaignpipe.cluster.LogSink;
import dev.campaignpipe.cluster.SinkStatus;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.WriterStatus;
import dev.campaignpipe.powerbi.ExportStatus;
import dev.campaignpipe.powerbi.PowerBiExporter;
import dev.campaignpipe.sync.SyncWorker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Turns the pipeline's state into the sentences a person sees at the top of the form. */
@Component
public class Banners {

	private final CsvWriterService writer;

	private final Supplier<String> syncError;

	private final Supplier<ExportStatus> export;

	/**
	 * Cluster mode: whether the log takes this node's submissions ({@code null}
	 * otherwise).
	 */
	private final Supplier<EntryStatus> entry;

	/** Cluster mode: the sinks this node runs. */
	private final Supplier<List<SinkStatus>> sinks;

	public Banners(CsvWriterService writer, Supplier<String> syncError, Supplier<ExportStatus> export) {
		this(writer, syncError, export, () -> null, List::of);
	}

	Banners(CsvWriterService writer, Supplier<String> syncError, Supplier<ExportStatus> export,
			Supplier<EntryStatus> entry, Supplier<List<SinkStatus>> sinks) {
		this.writer = writer;
		this.syncError = syncError;
		this.export = export;
		this.entry = entry;
		this.sinks = sinks;
	}

	@Autowired
	public Banners(CsvWriterService writer, SyncWorker sync, PowerBiExporter export,
			ObjectProvider<KafkaCampaignQueue> entry, ObjectProvider<LogSink> sinks) {
		// every page shows banners: no file reads here
		this(writer, sync::lastError, export::status, () -> {
			KafkaCampaignQueue queue = entry.getIfAvailable();
			return queue == null ? null : queue.status();
		}, () -> sinks.orderedStream().filter(LogSink::isAutoStartup).map(LogSink::status).toList());
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
		EntryStatus cluster = entry.get();
		if (cluster != null && !cluster.reachable()) {
			banners.add(new Banner(Banner.Level.ERROR, "The cluster's log refuses new records since "
					+ cluster.failingSince() + " (" + cluster.lastError()
					+ "). They are not saved: enter them again in a moment. Every record confirmed before is safe."));
		}
		for (SinkStatus sink : sinks.get()) {
			if (sink.lastError() != null) {
				banners.add(new Banner(Banner.Level.WARNING, "The " + sink.sink() + " sink is paused ("
						+ sink.lastError() + "). Records wait in the cluster's log and are written when it goes on."));
			}
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
