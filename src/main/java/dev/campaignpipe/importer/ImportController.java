package dev.campaignpipe.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.campaignpipe.common.ApiErrors;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.status.ShowsBanners;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk import from the browser (upload, then a progress page that refreshes itself — no
 * JavaScript needed) and the hand-over endpoint the command line uses while the server
 * runs.
 */
@Controller
@ShowsBanners
class ImportController {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

	private final ImportJobs jobs;

	/** The machine's local time names uploaded files, as the analyst reads the folder. */
	private final Clock clock;

	private final Path uploads;

	ImportController(ImportJobs jobs, PipelineProperties properties, Clock clock) {
		this.jobs = jobs;
		this.clock = clock;
		this.uploads = properties.dataDir().resolve("imports");
	}

	@GetMapping("/import")
	String form(Model model) {
		return "import";
	}

	@PostMapping("/import")
	String upload(@RequestParam("file") MultipartFile file,
			@RequestParam(name = "on_invalid", defaultValue = "reject") String onInvalid,
			@RequestParam(name = "reassign_ids", defaultValue = "false") boolean reassign, Model model)
			throws IOException {
		if (file.isEmpty()) {
			model.addAttribute("error", "Choose a CSV file to import.");
			return "import";
		}
		Files.createDirectories(uploads);
		String name = file.getOriginalFilename() == null ? "upload.csv"
				: Path.of(file.getOriginalFilename()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
		Path target = uploads.resolve(LocalDateTime.now(clock).format(STAMP) + "-" + name);
		file.transferTo(target);
		ImportJobs.Job job = jobs.start(target, options(onInvalid, reassign));
		return "redirect:/import/" + job.id();
	}

	@GetMapping("/import/{id}")
	String progress(@PathVariable long id, Model model) {
		ImportJobs.Job job = jobs.find(id).orElse(null);
		if (job == null) {
			model.addAttribute("message", "No import with id " + id + ".");
			return "error";
		}
		model.addAttribute("job", job);
		model.addAttribute("summary", job.progress().snapshot());
		return "import-progress";
	}

	@GetMapping("/import/{id}/rejects")
	ResponseEntity<Resource> rejects(@PathVariable long id) {
		return jobs.find(id)
			.map(job -> job.progress().snapshot().rejectsFile())
			.filter(path -> path != null)
			.map(path -> ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + Path.of(path).getFileName() + "\"")
				.contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
				.body((Resource) new FileSystemResource(path)))
			.orElse(ResponseEntity.notFound().build());
	}

	/**
	 * The command line hands a local file over while the server runs (the file never
	 * travels).
	 */
	@PostMapping(path = "/api/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<?> handOver(@RequestBody ImportRequest request) throws IOException {
		String text = request.path();
		if (text == null || !Files.isRegularFile(Path.of(text)) || !Files.isReadable(Path.of(text))) {
			return ResponseEntity.badRequest().body(ApiErrors.of("path", "path must name a readable file"));
		}
		ImportOptions options;
		try {
			options = options(request.onInvalid(), request.reassignIds()).reading(request.preset(), request.defaults());
		}
		catch (IllegalArgumentException ex) {
			return ResponseEntity.badRequest().body(ApiErrors.of("defaults", ex.getMessage()));
		}
		ImportJobs.Job job = jobs.start(Path.of(text), options);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ImportJobView.of(job));
	}

	@GetMapping("/api/imports/{id}")
	@ResponseBody
	ResponseEntity<?> status(@PathVariable long id) {
		return jobs.find(id)
			.<ResponseEntity<?>>map(job -> ResponseEntity.ok(ImportJobView.of(job)))
			.orElseGet(() -> ResponseEntity.status(404).body(ApiErrors.of("id", "no import with id " + id)));
	}

	static ImportOptions options(String onInvalid, boolean reassign) {
		// forgiving here (a form or a script): any case, '_' for '-', anything unknown is
		// the default
		ImportOptions.OnInvalid mode = ImportOptions.OnInvalid
			.fromSetting(onInvalid.toLowerCase(Locale.ROOT).replace('_', '-'))
			.orElse(ImportOptions.OnInvalid.REJECT);
		return new ImportOptions(mode, ImportOptions.TakenId.reassignIf(reassign));
	}

}
