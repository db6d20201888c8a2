package dev.campaignpipe.status;

import java.util.List;

import dev.campaignpipe.cluster.KafkaCampaignQueue;
import dev.campaignpipe.cluster.LogToCsv;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.powerbi.PowerBiExporter;
import dev.campaignpipe.sync.SyncWorker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** Where the pipeline stands: {@code GET /api/pipeline/status} and the status page. */
@Controller
@ShowsBanners
class StatusController {

	private final CsvWriterService writer;

	private final SyncWorker sync;

	private final PowerBiExporter export;

	private final ObjectProvider<LogToCsv> csvSink;

	private final ObjectProvider<KafkaCampaignQueue> entry;

	StatusController(CsvWriterService writer, SyncWorker sync, PowerBiExporter export, ObjectProvider<LogToCsv> csvSink,
			ObjectProvider<KafkaCampaignQueue> entry) {
		this.entry = entry;
		this.writer = writer;
		this.sync = sync;
		this.export = export;
		this.csvSink = csvSink;
	}

	@GetMapping("/api/pipeline/status")
	@ResponseBody
	PipelineStatus status() {
		return PipelineStatus.of(writer.status(), sync.status(), export.status(), cluster());
	}

	/** Only in cluster mode, where both exist; the sink only on the node that runs it. */
	private PipelineStatus.Cluster cluster() {
		KafkaCampaignQueue queue = entry.getIfAvailable();
		LogToCsv sink = csvSink.getIfAvailable();
		if (queue == null || sink == null) {
			return null;
		}
		return new PipelineStatus.Cluster(queue.status(), sink.isAutoStartup() ? List.of(sink.status()) : List.of());
	}

	@GetMapping("/status")
	String page(Model model) {
		model.addAttribute("status", status());
		return "status";
	}

}
