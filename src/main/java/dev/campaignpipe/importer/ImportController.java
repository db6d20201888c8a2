package dev.campaignpipe.importer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.common.ApiErrors;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.status.ShowsBanners;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.Environment;
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

	private final HandOverToken handOverToken;

	private final boolean loginRequired;

	private final CampaignImporter importer;

	private final Categories categories;

	ImportController(ImportJobs jobs, CampaignImporter importer, Categories categories, PipelineProperties properties,
			Clock clock, HandOverToken handOverToken, Environment environment) {
		this.jobs = jobs;
		this.handOverToken = handOverToken;
		String password = environment.getProperty("pipeline.security.password");
		this.loginRequired = password != null && !password.isBlank();
		this.importer = importer;
		this.categories = categories;
		this.clock = clock;
		this.uploads = properties.dataDir().resolve("imports");
	}

	@GetMapping("/import")
	String form(Model model) {
		choices(model, Map.of());
		return "import";
	}

	/**
	 * An upload: previewed ({@code action=preview}, SPEC §14) or imported at once. The
	 * file stays in the data folder's {@code imports/}, so a preview can be imported
	 * without sending it again.
	 */
	@PostMapping("/import")
	String upload(@RequestParam("file") MultipartFile file,
			@RequestParam(name = "on_invalid", defaultValue = "reject") String onInvalid,
			@RequestParam(name = "reassign_ids", defaultValue = "false") boolean reassign,
			@RequestParam(name = "preset", defaultValue = "auto") String preset,
			@RequestParam(name = "action", defaultValue = "import") String action,
			@RequestParam Map<String, String> params, Model model) throws IOException, InterruptedException {
		if (file.isEmpty()) {
			model.addAttribute("error", "Choose a file to import.");
			choices(model, params);
			return "import";
		}
		Files.createDirectories(uploads);
		String name = file.getOriginalFilename() == null ? "upload.csv"
				: Path.of(file.getOriginalFilename()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
		Path target = uploads.resolve(LocalDateTime.now(clock).format(STAMP) + "-" + name);
		file.transferTo(target);
		return startOrPreview(target, onInvalid, reassign, preset, action, params, model);
	}

	/** A file uploaded before (its preview's form): previewed again or imported. */
	@PostMapping("/import/uploaded")
	String uploaded(@RequestParam("upload") String upload,
			@RequestParam(name = "on_invalid", defaultValue = "reject") String onInvalid,
			@RequestParam(name = "reassign_ids", defaultValue = "false") boolean reassign,
			@RequestParam(name = "preset", defaultValue = "auto") String preset,
			@RequestParam(name = "action", defaultValue = "import") String action,
			@RequestParam Map<String, String> params, Model model) throws IOException, InterruptedException {
		Path target = uploads.resolve(upload).normalize();
		if (!upload.matches("[A-Za-z0-9._-]+") || !target.getParent().equals(uploads.normalize())
				|| !Files.isRegularFile(target)) {
			model.addAttribute("error", "That upload is gone; choose the file again.");
			choices(model, params);
			return "import";
		}
		return startOrPreview(target, onInvalid, reassign, preset, action, params, model);
	}

	private String startOrPreview(Path target, String onInvalid, boolean reassign, String preset, String action,
			Map<String, String> params, Model model) throws IOException, InterruptedException {
		ImportOptions options;
		try {
			options = options(onInvalid, reassign).reading(preset, defaults(params));
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			choices(model, params);
			return "import";
		}
		if (!"preview".equals(action)) {
			ImportJobs.Job job = jobs.start(target, options);
			return "redirect:/import/" + job.id();
		}
		choices(model, params);
		model.addAttribute("upload", target.getFileName().toString());
		model.addAttribute("onInvalid", options.onInvalid().setting());
		model.addAttribute("reassign", reassign);
		try {
			model.addAttribute("preview", importer.preview(target, options));
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return "import-preview";
	}

	/** The defaults a form gives: {@code default_FIELD} parameters that are not blank. */
	private static Map<String, String> defaults(Map<String, String> params) {
		Map<String, String> defaults = new LinkedHashMap<>();
		params.forEach((name, value) -> {
			if (name.startsWith("default_") && value != null && !value.isBlank()) {
				defaults.put(name.substring("default_".length()), value);
			}
		});
		return defaults;
	}

	/** What the forms offer: presets, the category values, the defaults given so far. */
	private void choices(Model model, Map<String, String> params) {
		model.addAttribute("presets", importer.presets().names());
		model.addAttribute("preset", params.getOrDefault("preset", "auto"));
		List<DefaultField> fields = new ArrayList<>();
		for (CampaignField field : List.of(CampaignField.CAMPAIGN_COMPANY, CampaignField.CAMPAIGN_TYPE,
				CampaignField.MARKETING_CHANNEL, CampaignField.AD_FORMAT, CampaignField.DEVICE_TYPE,
				CampaignField.COUNTRY, CampaignField.AUDIENCE_SEGMENT, CampaignField.DATE)) {
			fields.add(new DefaultField(field.key(), "default_" + field.key(), categories.values(field),
					params.getOrDefault("default_" + field.key(), "")));
		}
		model.addAttribute("defaultFields", fields);
	}

	/**
	 * A default the upload form asks for: a closed set's values as choices, free text
	 * otherwise.
	 */
	record DefaultField(String label, String name, List<String> choices, String value) {
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
	ResponseEntity<?> handOver(@RequestBody ImportRequest request, HttpServletRequest caller) throws IOException {
		// a path names a file on this machine: only this machine's command line may hand
		// one over (SPEC §11), never through a proxy; with the login on it must also show
		// the token from the data folder, or anyone who can log in through a proxy on
		// this machine could import any file the server can read
		boolean local = !isForwarded(caller) && InetAddress.getByName(caller.getRemoteAddr()).isLoopbackAddress();
		boolean proven = handOverToken.matches(caller.getHeader(HandOverToken.HEADER)) || !loginRequired;
		if (!local || !proven) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(ApiErrors
					.of("path", "a file on the server is imported only by the command line on the same machine"
							+ " (java -jar campaign-pipeline.jar import FILE); upload the file instead (the import page)"));
		}
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

	/** Came through a proxy: its loopback address says nothing about the client. */
	private static boolean isForwarded(HttpServletRequest request) {
		return request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
				|| request.getHeader("X-Real-IP") != null;
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
