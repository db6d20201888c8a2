package dev.campaignpipe.powerbi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.csv.CsvAppended;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.WriterHarness;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.support.FileLock;
import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

class PowerBiExportTests {

	@TempDir
	Path dir;

	private final List<Runnable> cleanup = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		cleanup.forEach(Runnable::run);
	}

	private PowerBiExporter exporter(Map<String, Object> overrides) {
		return exporter(overrides, () -> false);
	}

	private PowerBiExporter exporter(Map<String, Object> overrides, dev.campaignpipe.sync.SyncBacklog backlog) {
		Map<String, Object> settings = new HashMap<>(
				Map.of("pipeline.powerbi.debounce", "50ms", "pipeline.powerbi.retry-max", "200ms"));
		settings.putAll(overrides);
		PipelineProperties properties = TestProperties.load(dir, settings);
		Categories categories = new Categories(properties.categories());
		PowerBiExporter exporter = new PowerBiExporter(properties,
				new LineConverter(new CampaignValidator(categories, Clock.systemUTC()),
						properties.sync().ambiguousDates().csvDates()),
				categories, backlog);
		exporter.start();
		cleanup.add(exporter::stop);
		return exporter;
	}

	private Path export(String name) {
		return dir.resolve("powerbi").resolve(name);
	}

	/**
	 * Parses a whole export file as Power BI would, failing on any partial or malformed
	 * content.
	 */
	static List<CsvRecord> readWhole(Path file, int columns) throws Exception {
		String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		if (!text.endsWith("\r\n")) {
			throw new AssertionError(file.getFileName() + " does not end on a whole line");
		}
		List<CsvRecord> rows = new ArrayList<>();
		try (CsvReader<CsvRecord> reader = CsvReader.builder()
			.ofCsvRecord(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
			for (CsvRecord record : reader) {
				if (record.getFieldCount() != columns) {
					throw new AssertionError(file.getFileName() + " line " + record.getStartingLineNumber() + " has "
							+ record.getFieldCount() + " fields");
				}
				rows.add(record);
			}
		}
		return rows;
	}

	static void waitUntil(BooleanSupplier condition, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
	}

	@Test
	void readersNeverSeeAPartialFileWhileSubmissionsStreamInAndTheFinalExportEqualsTheCsv() throws Exception {
		PowerBiExporter exporter = exporter(Map.of());
		CsvWriterService writer = WriterHarness.startAnnouncingTo(dir, event -> {
			if (event instanceof CsvAppended) {
				exporter.changed();
			}
		});
		cleanup.add(writer::stop);
		AtomicBoolean streaming = new AtomicBoolean(true);
		AtomicInteger reads = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(5);
		Future<?> reader = pool.submit(() -> {
			while (streaming.get()) {
				for (String file : List.of("powerbi_digital_marketing_data.csv", StarExport.FACT, "dim_company.csv",
						StarExport.DATES)) {
					Path path = export(file);
					if (Files.exists(path)) {
						int columns = switch (file) {
							case "powerbi_digital_marketing_data.csv" -> CampaignColumns.ALL.size();
							case StarExport.FACT -> FactRow.COLUMNS.size();
							case StarExport.DATES -> 10;
							default -> 2;
						};
						readWhole(path, columns);
						reads.incrementAndGet();
					}
				}
			}
			return null;
		});
		List<Future<?>> submitters = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			submitters.add(pool.submit(() -> {
				for (int i = 0; i < 400; i++) {
					writer.submit(TestCampaigns.withCompany("Company " + (i % 37)));
				}
				return null;
			}));
		}
		for (Future<?> f : submitters) {
			f.get();
		}
		// appends during an export schedule the next one: wait for the export that saw
		// the last of them
		waitUntil(
				() -> exporter.status().lastExportRows() == 1600
						&& sameBytes(export("powerbi_digital_marketing_data.csv"), dir.resolve("campaigns.csv")),
				Duration.ofSeconds(30));
		streaming.set(false);
		reader.get(); // rethrows any partial read
		pool.shutdown();
		assertThat(reads.get()).isGreaterThan(20);
		assertThat(Files.readAllBytes(export("powerbi_digital_marketing_data.csv")))
			.isEqualTo(Files.readAllBytes(dir.resolve("campaigns.csv")));
		assertThat(exporter.status().lastError()).isNull();
		JsonNode pbids = JsonMapper.builder().build().readTree(Files.readString(export("campaign-pipeline.pbids")));
		assertThat(pbids.at("/version").asString()).isEqualTo("0.1");
		assertThat(pbids.at("/connections/0/details/protocol").asString()).isEqualTo("file");
		assertThat(pbids.at("/connections/0/details/address/path").asString())
			.isEqualTo(export("powerbi_digital_marketing_data.csv").toAbsolutePath().toString());
		exporter.stop();
		try (var leftovers = Files.list(dir.resolve("powerbi"))) {
			assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
		}
	}

	/**
	 * A command-line import stops the export as soon as its rows are exported. An export
	 * merely scheduled (debounce, or five times the last export's duration) must not hold
	 * that stop: it kept an end-to-end import idle for up to 30 s after all its work was
	 * done.
	 */
	@Test
	void stoppingDropsAnExportThatIsOnlyScheduledAndReturnsAtOnce() throws Exception {
		PowerBiExporter exporter = exporter(Map.of("pipeline.powerbi.debounce", "60s"));
		CsvWriterService writer = WriterHarness.startAnnouncingTo(dir, event -> exporter.changed());
		cleanup.add(writer::stop);
		writer.submit(TestCampaigns.workedExample());
		exporter.exportNow(); // what the import does once its rows are in
		exporter.changed(); // and an export comes due in a minute

		exporter.stop();
		assertThat(exporter.isTerminated()).as("nothing left running or waiting once stop returns").isTrue();
		assertThat(readWhole(export("powerbi_digital_marketing_data.csv"), CampaignColumns.ALL.size())).hasSize(2);
	}

	@Test
	void aLockedTargetIsRetriedUntilTheExportCatchesUp() throws Exception {
		PowerBiExporter exporter = exporter(Map.of());
		CsvWriterService writer = WriterHarness.startAnnouncingTo(dir, event -> exporter.changed());
		cleanup.add(writer::stop);
		writer.submit(TestCampaigns.workedExample());
		Path flat = export("powerbi_digital_marketing_data.csv");
		waitUntil(() -> exporter.status().lastExportRows() == 1, Duration.ofSeconds(10));

		boolean real = FileLock.realLockAvailable();
		Path folder = dir.resolve("powerbi");
		if (real) {
			FileLock.lock(flat); // Power BI holding the file: it cannot be replaced
			cleanup.add(0, () -> FileLock.unlock(flat));
		}
		else {
			folder.toFile().setWritable(false); // without root: a folder that refuses new
												// files
			cleanup.add(0, () -> folder.toFile().setWritable(true));
		}
		for (int i = 0; i < 5; i++) {
			writer.submit(TestCampaigns.workedExample());
		}
		waitUntil(() -> exporter.status().lastError() != null, Duration.ofSeconds(10));
		assertThat(exporter.status().failingSince()).isNotNull();
		// several retries fail meanwhile: the file stays whole (header + the first
		// record) all along
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> readWhole(flat, CampaignColumns.ALL.size()).size() == 2);

		if (real) {
			FileLock.unlock(flat);
		}
		else {
			folder.toFile().setWritable(true);
		}
		waitUntil(() -> exporter.status().lastError() == null, Duration.ofSeconds(10));
		assertThat(readWhole(flat, CampaignColumns.ALL.size())).hasSize(7);
	}

	@Test
	void starSchemaKeysResolveAndTheDateTableIsContiguous() throws Exception {
		Path sample = dev.campaignpipe.support.Seed.sample();
		List<String> lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
		Files.write(dir.resolve("campaigns.csv"), CsvFormat.header());
		Files.writeString(dir.resolve("campaigns.csv"), String.join("\r\n", lines.subList(1, lines.size())) + "\r\n",
				java.nio.file.StandardOpenOption.APPEND);
		PowerBiExporter exporter = exporter(Map.of());
		exporter.export();
		assertThat(exporter.status().lastError()).isNull();

		Map<String, Set<String>> keys = new HashMap<>();
		for (StarDimension d : StarDimension.values()) {
			List<CsvRecord> rows = readWhole(export(d.file), 2);
			assertThat(rows.get(0).getFields()).containsExactly(d.keyColumn, d.valueColumn);
			Set<String> ids = new HashSet<>();
			rows.subList(1, rows.size()).forEach(r -> ids.add(r.getField(0)));
			assertThat(ids).hasSize(rows.size() - 1); // keys unique
			keys.put(d.keyColumn, ids);
		}
		List<CsvRecord> dates = readWhole(export(StarExport.DATES), 10);
		Set<String> dateKeys = new HashSet<>();
		LocalDate previous = null;
		for (CsvRecord d : dates.subList(1, dates.size())) {
			LocalDate date = LocalDate.parse(d.getField(1));
			if (previous != null) {
				assertThat(date).isEqualTo(previous.plusDays(1)); // contiguous
			}
			previous = date;
			dateKeys.add(d.getField(0));
		}
		List<CsvRecord> fact = readWhole(export(StarExport.FACT), FactRow.COLUMNS.size());
		List<String> header = fact.get(0).getFields();
		assertThat(fact).hasSizeGreaterThan(200);
		for (CsvRecord row : fact.subList(1, fact.size())) {
			assertThat(dateKeys).contains(row.getField(header.indexOf("date_key")));
			for (String keyColumn : keys.keySet()) {
				assertThat(keys.get(keyColumn)).as(keyColumn).contains(row.getField(header.indexOf(keyColumn)));
			}
		}
		assertThat(dates.get(1).getField(1)).isEqualTo(fact.subList(1, fact.size())
			.stream()
			.map(r -> r.getField(header.indexOf("date_key")))
			.min(String::compareTo)
			.map(k -> k.substring(0, 4) + "-" + k.substring(4, 6) + "-" + k.substring(6))
			.orElseThrow());
		// categories arrive normalized: 'Instagram ' and 'Uk' are not dimension members
		// of their own
		assertThat(readWhole(export("dim_channel.csv"), 2)).extracting(r -> r.getField(1)).doesNotContain("Instagram ");
		assertThat(readWhole(export("dim_country.csv"), 2)).extracting(r -> r.getField(1)).doesNotContain("Uk");
	}

	@Test
	void starSchemaConvertsOnlyNewRowsAndStartsOverWhenTheCsvIsReplaced() throws Exception {
		PowerBiExporter exporter = exporter(Map.of());
		CsvWriterService writer = WriterHarness.start(dir);
		cleanup.add(writer::stop);
		for (int i = 0; i < 3; i++) {
			writer.submit(TestCampaigns.withCompany("Company " + i));
		}
		exporter.export();
		writer.submit(TestCampaigns.withCompany("Company 3"));
		exporter.export(); // incremental: one more fact row
		List<CsvRecord> fact = readWhole(export(StarExport.FACT), FactRow.COLUMNS.size());
		assertThat(fact).extracting(r -> r.getField(0)).containsExactly("campaign_id", "1", "2", "3", "4");
		writer.stop();

		// Excel saves a corrected file: rows 2 and 3 gone, row 1 renamed — the export
		// starts over
		Path csv = dir.resolve("campaigns.csv");
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		Path saved = dir.resolve("saved.tmp");
		Files.writeString(saved,
				String.join("\r\n", lines.get(0), lines.get(1).replace("Company 0", "Renamed Co"), lines.get(4))
						+ "\r\n",
				StandardCharsets.UTF_8);
		Files.move(saved, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		exporter.export();
		assertThat(readWhole(export(StarExport.FACT), FactRow.COLUMNS.size())).extracting(r -> r.getField(0))
			.containsExactly("campaign_id", "1", "4");
		assertThat(readWhole(export("dim_company.csv"), 2)).extracting(r -> r.getField(1))
			.containsExactly("campaign_company", "Renamed Co", "Company 3");
	}

	@Test
	void legacyHeaderIsTheOriginalToolsLineWithItsTwentySixColumns() throws Exception {
		Path sample = dev.campaignpipe.support.Seed.sample();
		String originalHeader = Files.readAllLines(sample, StandardCharsets.UTF_8).get(0);
		PowerBiExporter exporter = exporter(
				Map.of("pipeline.powerbi.header", "legacy", "pipeline.powerbi.star-schema", "false"));
		CsvWriterService writer = WriterHarness.start(dir);
		cleanup.add(writer::stop);
		writer.submit(TestCampaigns.workedExample());
		exporter.export();
		List<String> lines = Files.readAllLines(export("powerbi_digital_marketing_data.csv"), StandardCharsets.UTF_8);
		assertThat(lines.get(0)).isEqualTo(originalHeader);
		assertThat(readWhole(export("powerbi_digital_marketing_data.csv"), 26)).hasSize(2);
		assertThat(lines.get(1))
			.startsWith("1,Amazon,App Install Drive,Leads,Google,Text,2024-10-15,43432,2890,1794,752.33,");
	}

	@Test
	void theExportWaitsWhileTheDatabaseLoadsABacklogButNoLongerThanItsLimit() throws Exception {
		Path flat = export("powerbi_digital_marketing_data.csv");
		AtomicBoolean backlog = new AtomicBoolean(true);
		PowerBiExporter exporter = exporter(Map.of("pipeline.powerbi.yield-to-sync-max", "1500ms"), backlog::get);
		CsvWriterService writer = WriterHarness.start(dir);
		cleanup.add(writer::stop);

		// the backlog clears after a while: the export follows at once
		writer.submit(TestCampaigns.workedExample());
		exporter.changed();
		// no export while the database catches up, for the whole 600 ms
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(flat));
		backlog.set(false);
		waitUntil(() -> Files.exists(flat), Duration.ofSeconds(1));
		assertThat(readWhole(flat, CampaignColumns.ALL.size())).hasSize(2);

		// a backlog that never clears: the export goes ahead once the limit is reached
		backlog.set(true);
		writer.submit(TestCampaigns.withCompany("Later Co"));
		long started = System.nanoTime();
		exporter.changed();
		waitUntil(() -> Files.exists(flat) && readLines(flat) == 3, Duration.ofSeconds(4));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
	}

	private static boolean sameBytes(Path a, Path b) {
		try {
			return java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static long readLines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8).size();
		}
		catch (java.io.IOException ex) {
			return -1;
		}
	}

}
