package dev.campaignpipe.status;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.powerbi.PowerBiExporter;
import dev.campaignpipe.sync.SyncWorker;

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

	StatusController(CsvWriterService writer, SyncWorker sync, PowerBiExporter export) {
		this.writer = writer;
		this.sync = sync;
		this.export = export;
	}

	@GetMapping("/api/pipeline/status")
	@ResponseBody
	PipelineStatus status() {
		return PipelineStatus.of(writer.status(), sync.status(), export.status());
	}

	@GetMapping("/status")
	String page(Model model) {
		model.addAttribute("status", status());
		return "status";
	}

}
