package dev.campaignpipe.status;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.WriterStatus;
import dev.campaignpipe.powerbi.ExportStatus;
import dev.campaignpipe.powerbi.PowerBiExporter;
import dev.campaignpipe.sync.SyncStatus;
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
	Map<String, Object> status() {
		WriterStatus w = writer.status();
		Map<String, Object> csv = new LinkedHashMap<>();
		csv.put("path", w.csvPath());
		csv.put("locked", w.csvLocked());
		csv.put("locked_since", w.lockedSince() == null ? null : w.lockedSince().toString());
		csv.put("last_error", w.lastError());
		csv.put("refusing_since", w.refusingSince() == null ? null : w.refusingSince().toString());
		csv.put("last_campaign_id", w.lastId());
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("queue_depth", w.queueDepth());
		status.put("spool_size", w.spoolSize());
		status.put("csv", csv);
		SyncStatus s = sync.status();
		Map<String, Object> database = new LinkedHashMap<>();
		database.put("enabled", s.enabled());
		database.put("bytes_behind", s.bytesBehind());
		database.put("records_behind", s.recordsBehind());
		database.put("last_sync", s.lastSync() == null ? null : s.lastSync().toString());
		database.put("rows_loaded", s.rowsLoaded());
		database.put("quarantine_count", s.quarantined());
		database.put("csv_generation", s.generation());
		database.put("last_error", s.lastError());
		status.put("sync", database);
		ExportStatus e = export.status();
		Map<String, Object> powerbi = new LinkedHashMap<>();
		powerbi.put("enabled", e.enabled());
		powerbi.put("folder", e.folder());
		powerbi.put("file", e.file());
		powerbi.put("last_export", e.lastExport() == null ? null : e.lastExport().toString());
		powerbi.put("last_export_records", e.lastExportRows());
		powerbi.put("last_error", e.lastError());
		powerbi.put("failing_since", e.failingSince() == null ? null : e.failingSince().toString());
		status.put("powerbi", powerbi);
		return status;
	}

	@GetMapping("/status")
	String page(Model model) {
		model.addAttribute("status", status());
		return "status";
	}

}
