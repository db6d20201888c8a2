package dev.campaignpipe.status;

import java.util.List;

import dev.campaignpipe.cluster.KafkaCampaignQueue;
import dev.campaignpipe.cluster.LogSink;
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

	private final ObjectProvider<LogSink> sinks;

	private final ObjectProvider<KafkaCampaignQueue> entry;

	StatusController(CsvWriterService writer, SyncWorker sync, PowerBiExporter export, ObjectProvider<LogSink> sinks,
			ObjectProvider<KafkaCampaignQueue> entry) {
		this.entry = entry;
		this.writer = writer;
		this.sync = sync;
		this.export = export;
		this.sinks = sinks;
	}

	@GetMapping("/api/pipeline/status")
	@ResponseBody
	PipelineStatus status() {
		return PipelineStatus.of(writer.status(), sync.status(), export.status(), cluster());
	}

	/** Only in cluster mode; the sinks this node runs. */
	private PipelineStatus.Cluster cluster() {
		KafkaCampaignQueue queue = entry.getIfAvailable();
		if (queue == null) {
			return null;
		}
		return new PipelineStatus.Cluster(queue.status(),
				sinks.orderedStream().filter(LogSink::isAutoStartup).map(LogSink::status).toList());
	}

	@GetMapping("/status")
	String page(Model model) {
		model.addAttribute("status", status());
		return "status";
	}

}
