package dev.campaignpipe.status;

import java.util.List;

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

	StatusController(CsvWriterService writer, SyncWorker sync, PowerBiExporter export,
			ObjectProvider<LogToCsv> csvSink) {
		this.writer = writer;
		this.sync = sync;
		this.export = export;
		this.csvSink = csvSink;
	}

	@GetMapping("/api/pipeline/status")
	@ResponseBody
	PipelineStatus status() {
		LogToCsv sink = csvSink.getIfAvailable();
		return PipelineStatus.of(writer.status(), sync.status(), export.status(),
				sink == null ? null : List.of(sink.status()));
	}

	@GetMapping("/status")
	String page(Model model) {
		model.addAttribute("status", status());
		return "status";
	}

}
