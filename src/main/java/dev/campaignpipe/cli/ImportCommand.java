package dev.campaignpipe.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.importer.CampaignImporter;
import dev.campaignpipe.importer.ImportJobView;
import dev.campaignpipe.importer.ImportOptions;
import dev.campaignpipe.importer.ImportProgress;
import dev.campaignpipe.importer.ImportRequest;
import dev.campaignpipe.importer.ImportSummary;
import dev.campaignpipe.powerbi.PowerBiExporter;
import dev.campaignpipe.sync.SyncWorker;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code import FILE…}: runs each file through the pipeline. With the server running
 * (same settings) the file is handed to it, so there is still one writer; otherwise the
 * pipeline runs here until the rows are in the CSV, the database and the export.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = {
		"Import CSV files (the original tool's, this product's, or an ad platform's export) through",
		"validation, KPIs, the CSV, the database and the Power BI export, and print what became of every row." })
final class ImportCommand implements Callable<Integer> {

	/**
	 * Reads and writes the hand-over API's JSON (the server's own mapper is in the
	 * server; this tool opens no application context to reach it).
	 */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV files to import")
	List<Path> files;

	@Option(names = "--on-invalid", defaultValue = "reject", paramLabel = "reject|keep-flagged",
			description = "rows that break a rule: reject (to FILE.rejects.csv, the default) or keep-flagged")
	String onInvalid;

	@Option(names = "--reassign-ids",
			description = "give rows whose campaign_id is taken by different content a new id")
	boolean reassignIds;

	@Option(names = "--preset", defaultValue = "auto", paramLabel = "NAME",
			description = "auto (recognize the file from its header, the default), google-ads, meta-ads, linkedin-ads, "
					+ "microsoft-ads, tiktok-ads, pinterest-ads, original or campaigns-csv")
	String preset;

	@Option(names = "--default", paramLabel = "FIELD=VALUE",
			description = "a value for a field the export lacks (repeatable), e.g. --default campaign_company=Acme")
	Map<String, String> defaults = new LinkedHashMap<>();

	@Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "the date of an export that has no date column")
	String date;

	@Option(names = "--dry-run",
			description = "show the recognized preset, the mapping and the first 20 records; store nothing")
	boolean dryRun;

	@Unmatched
	List<String> settings = new ArrayList<>();

	private final PrintStream out = System.out;

	@Override
	public Integer call() throws Exception {
		ImportOptions.OnInvalid mode = ImportOptions.OnInvalid.fromSetting(onInvalid).orElse(null);
		if (mode == null) {
			System.err.println("--on-invalid must be reject or keep-flagged (got '" + onInvalid + "')");
			return 2;
		}
		for (Path file : files) {
			if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
				System.err.println(file + ": not a readable file");
				return 2;
			}
		}
		Map<String, String> given = new LinkedHashMap<>(defaults);
		if (date != null) {
			given.put("date", date);
		}
		ImportOptions options;
		try {
			options = new ImportOptions(mode, ImportOptions.TakenId.reassignIf(reassignIds)).reading(preset, given);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			return 2;
		}
		if (dryRun) {
			try (ConfigurableApplicationContext context = ToolContext.open(settings)) {
				CampaignImporter importer = context.getBean(CampaignImporter.class);
				for (Path file : files) {
					out.println(file + ":");
					try {
						out.print(importer.preview(file, options).describe());
					}
					catch (IllegalArgumentException ex) {
						out.println("stopped: " + ex.getMessage());
						return 1;
					}
				}
			}
			return 0;
		}
		Environment environment = ToolContext.settings(settings);
		String server = ToolContext.runningServer(environment);
		if (server != null) { // the server's own pipeline takes the rows: nothing to open
								// here
			ServerAccess access = ServerAccess.of(environment);
			return report(file -> viaServer(server, access, file, options), "Handing %s to the server at " + server);
		}
		try (ConfigurableApplicationContext context = ToolContext.open(settings)) {
			return report(file -> inProcess(context, file, options), "Importing %s");
		}
	}

	@FunctionalInterface
	private interface Importer {

		ImportSummary importFile(Path file) throws Exception;

	}

	/**
	 * Imports each file and prints what became of its rows; the exit code counts the
	 * failed ones.
	 */
	private int report(Importer importer, String announcement) throws Exception {
		int failures = 0;
		for (Path file : files) {
			out.println(announcement.replace("%s", file.toString()) + " …");
			ImportSummary summary = importer.importFile(file);
			out.println(summary.describe());
			if (summary.rejectsFile() != null) {
				out.println("rejected rows and their reasons: " + summary.rejectsFile());
			}
			if (summary.failure() != null) {
				out.println("stopped: " + summary.failure());
				failures++;
			}
		}
		return failures == 0 ? 0 : 1;
	}

	private ImportSummary inProcess(ConfigurableApplicationContext context, Path file, ImportOptions options)
			throws Exception {
		CsvWriterService writer = context.getBean(CsvWriterService.class);
		SyncWorker sync = context.getBean(SyncWorker.class);
		PowerBiExporter export = context.getBean(PowerBiExporter.class);
		writer.start();
		sync.start();
		export.start();
		try {
			CampaignImporter importer = context.getBean(CampaignImporter.class);
			ImportProgress progress = importer.start(file);
			CompletableFuture<ImportSummary> run = CompletableFuture
				.supplyAsync(() -> importer.run(file, options, progress));
			ProgressBar bar = new ProgressBar(out, System.console() != null);
			while (!run.isDone()) {
				bar.show(progress.snapshot());
				Thread.sleep(250);
			}
			bar.show(progress.snapshot());
			bar.done();
			out.println("waiting for the database and the Power BI export to take the new rows …");
			sync.awaitCaughtUp(Duration.ofMinutes(30));
			export.exportNow();
			return run.get();
		}
		finally {
			export.stop();
			sync.stop();
			writer.stop();
		}
	}

	private ImportSummary viaServer(String server, ServerAccess access, Path file, ImportOptions options)
			throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String body = JSON.writeValueAsString(ImportRequest.of(file, options));
		HttpResponse<String> started = http
			.send(access.sign(HttpRequest.newBuilder(URI.create(server + "/api/imports")))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (started.statusCode() != 202) {
			throw new IllegalStateException(
					"the server refused the import (" + started.statusCode() + "): " + (started.body().isBlank()
							? "set pipeline.security.password as the server has it" : started.body()));
		}
		long id = JSON.readValue(started.body(), ImportJobView.class).id();
		ProgressBar bar = new ProgressBar(out, System.console() != null);
		while (true) {
			ImportSummary summary = JSON.readValue(
					http.send(access.sign(HttpRequest.newBuilder(URI.create(server + "/api/imports/" + id))).build(),
							HttpResponse.BodyHandlers.ofString())
						.body(),
					ImportJobView.class)
				.summary();
			bar.show(summary);
			if (summary.finished()) {
				bar.done();
				return summary;
			}
			Thread.sleep(250);
		}
	}

}
