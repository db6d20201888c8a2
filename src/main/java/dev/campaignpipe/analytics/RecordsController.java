package dev.campaignpipe.analytics;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.common.ApiErrors;
import dev.campaignpipe.csvfile.CsvFormat;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The records explorer's API (SPEC §13) over the analytics replica: a page of records in
 * any column's order, and the whole filtered set as a CSV download in the file's own
 * format, streamed from the engine in constant memory.
 */
@RestController
class RecordsController {

	/** Records written to the download per chunk. */
	private static final int CHUNK = 1_000;

	private final AnalyticsReplica replica;

	private final Clock clock;

	RecordsController(AnalyticsReplica replica, Clock clock) {
		this.replica = replica;
		this.clock = clock;
	}

	@GetMapping("/api/records")
	ResponseEntity<Object> page(HttpServletRequest request) throws SQLException {
		Map<String, String> errors = new LinkedHashMap<>();
		RecordQuery query = RecordQuery.parse(request.getParameterMap(), errors);
		if (!errors.isEmpty()) {
			return ResponseEntity.badRequest().body(new ApiErrors(errors));
		}
		return ResponseEntity.ok(replica.query((c, codes) -> RecordQueries.page(c, codes, query)));
	}

	/**
	 * Every record the filters match, in the order asked for, as campaigns.csv writes
	 * them: UTF-8 with a BOM, CRLF, the §5 columns.
	 */
	@GetMapping("/api/records/csv")
	ResponseEntity<StreamingResponseBody> download(HttpServletRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		RecordQuery query = RecordQuery.parse(request.getParameterMap(), errors);
		if (!errors.isEmpty()) {
			throw new BadQuery(errors); // answered as JSON below, not as a stream
		}
		replica.checkAvailable();
		StreamingResponseBody body = out -> write(query, out);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"campaigns-" + LocalDate.now(clock) + ".csv\"")
			.body(body);
	}

	@ExceptionHandler(BadQuery.class)
	ResponseEntity<ApiErrors> badQuery(BadQuery ex) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(new ApiErrors(ex.errors));
	}

	/** Bad parameters of a download: its answer is JSON, not CSV. */
	private static final class BadQuery extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient Map<String, String> errors;

		BadQuery(Map<String, String> errors) {
			super("bad parameters: " + errors, null, false, false);
			this.errors = errors;
		}

	}

	private void write(RecordQuery query, OutputStream response) throws IOException {
		OutputStream out = new BufferedOutputStream(response, 64 * 1024);
		out.write(CsvFormat.header());
		List<StoredCampaign> chunk = new ArrayList<>(CHUNK);
		try {
			replica.query((c, codes) -> {
				RecordQueries.forEach(c, codes, query, record -> {
					chunk.add(record);
					if (chunk.size() == CHUNK) {
						writeLines(out, chunk);
					}
				});
				return null;
			});
		}
		catch (SQLException ex) {
			throw new IOException("the download stopped: " + ex.getMessage(), ex);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause(); // the client went away
		}
		writeLines(out, chunk);
		out.flush();
	}

	private static void writeLines(OutputStream out, List<StoredCampaign> chunk) {
		try {
			out.write(CsvFormat.lines(chunk));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		chunk.clear();
	}

	@ExceptionHandler(ReplicaUnavailableException.class)
	ResponseEntity<ApiErrors> unavailable(ReplicaUnavailableException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "5")
			.body(ApiErrors.of("records", ex.getMessage()));
	}

}
