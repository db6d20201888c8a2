package dev.campaignpipe.importer;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One import as the hand-over API shows it ({@code /api/imports}): which job, which file,
 * and where it stands. The command line reads it back while it waits.
 */
@JsonPropertyOrder({ "id", "file", "finished", "read", "stored", "duplicates", "rejected", "flagged", "bytes_read",
		"total_bytes", "seconds", "failure", "rejects_file", "preset", "updated", "lines" })
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportJobView(long id, String file, boolean finished, long read, long stored, long duplicates,
		long rejected, long flagged, @JsonProperty("bytes_read") long bytesRead,
		@JsonProperty("total_bytes") long totalBytes, double seconds, String failure,
		@JsonProperty("rejects_file") String rejectsFile, String preset, long updated, Map<String, Long> lines) {

	static ImportJobView of(ImportJobs.Job job) {
		return of(job.id(), job.file(), job.progress().snapshot());
	}

	static ImportJobView of(long id, String file, ImportSummary s) {
		return new ImportJobView(id, file, s.finished(), s.read(), s.stored(), s.duplicates(), s.rejected(),
				s.flagged(), s.bytesRead(), s.totalBytes(), s.seconds(), s.failure(), s.rejectsFile(), s.preset(),
				s.updated(), s.lines());
	}

	/** Where the import stands, as the progress bar and the final summary read it. */
	public ImportSummary summary() {
		return new ImportSummary(read, stored, duplicates, rejected, flagged, bytesRead, totalBytes, seconds, finished,
				failure, rejectsFile, preset, updated, lines);
	}

}
