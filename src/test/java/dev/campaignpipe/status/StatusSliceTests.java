package dev.campaignpipe.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.WriterStatus;
import dev.campaignpipe.powerbi.ExportStatus;
import dev.campaignpipe.powerbi.PowerBiExporter;
import dev.campaignpipe.sync.SyncStatus;
import dev.campaignpipe.sync.SyncWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Slice test of the status API and page: each stage's state, as the stages report it,
 * becomes exactly this JSON (the contract scripts and the CLI read) and this page.
 */
@WebMvcTest(controllers = StatusController.class)
@AutoConfigureMockMvc(addFilters = false)
class StatusSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CsvWriterService writer;

	@MockitoBean
	SyncWorker sync;

	@MockitoBean
	PowerBiExporter export;

	@MockitoBean
	Banners banners;

	@BeforeEach
	void stages() {
		when(writer.status()).thenReturn(new WriterStatus(3, 12, true, Instant.parse("2026-11-30T10:00:00Z"),
				"campaigns.csv is open in another program", null, 4711, "/data/campaigns.csv"));
		when(sync.status()).thenReturn(
				new SyncStatus(true, 2048, 7, 900_000, 2, Instant.parse("2026-11-30T10:00:01.500Z"), 4700, 1, null));
		when(export.status())
			.thenReturn(new ExportStatus(true, "/onedrive/pb", "campaigns_powerbi.csv", null, -1, "locked", null));
	}

	@Test
	void theStatusApiAnswersEachStageInSnakeCase() throws Exception {
		mvc.perform(get("/api/pipeline/status")).andExpect(status().isOk()).andExpect(content().json("""
				{"queue_depth":3,"spool_size":12,
				 "csv":{"path":"/data/campaigns.csv","locked":true,"locked_since":"2026-11-30T10:00:00Z",
				        "last_error":"campaigns.csv is open in another program","refusing_since":null,
				        "last_campaign_id":4711},
				 "sync":{"enabled":true,"bytes_behind":2048,"records_behind":7,
				         "last_sync":"2026-11-30T10:00:01.500Z","rows_loaded":4700,"quarantine_count":1,
				         "csv_generation":2,"last_error":null},
				 "powerbi":{"enabled":true,"folder":"/onedrive/pb","file":"campaigns_powerbi.csv","last_export":null,
				            "last_export_records":-1,"last_error":"locked","failing_since":null},
				 "cluster":null}
				""", JsonCompareMode.STRICT));
	}

	@Test
	void theStatusPageShowsTheSameState() throws Exception {
		String page = mvc.perform(get("/status"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(page).contains("<dd id=\"csv-locked\">No — locked since 2026-11-30T10:00:00Z</dd>")
			.contains("<dd id=\"queue-depth\">3</dd>")
			.contains("<dd id=\"spool-size\">12</dd>")
			.contains("<dd id=\"last-id\">4711</dd>")
			.contains("<dd id=\"sync-behind\">7 records (2048 bytes)</dd>")
			.contains("<dd id=\"sync-quarantine\">1</dd>")
			.contains("<dd id=\"export-last\">not yet</dd>")
			.contains("locked");
	}

}
