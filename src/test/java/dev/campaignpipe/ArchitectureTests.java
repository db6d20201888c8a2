package dev.campaignpipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module map of docs/architecture.md, enforced: one package per stage, each depending
 * only on the packages listed for it, and no cycle anywhere. A change that needs another
 * arrow changes this table and the picture in the docs together.
 */
class ArchitectureTests {

	private static final String ROOT = "dev.campaignpipe";

	/** Each package and the packages of this product it may use. */
	static final Map<String, Set<String>> ALLOWED = allowed();

	private static Map<String, Set<String>> allowed() {
		Map<String, Set<String>> map = new LinkedHashMap<>();
		// the record, its rules and KPIs: depends on nothing of ours
		map.put("campaign", Set.of());
		// small shared helpers: backoff, durable files
		map.put("common", Set.of());
		// campaigns.csv: its format, reading it
		map.put("csvfile", Set.of("campaign"));
		// ad platforms' exports read as records (SPEC §14): presets, encodings, numbers,
		// dates
		map.put("preset", Set.of("campaign", "common"));
		// the pipeline.* settings and the rule/reading beans built from them
		map.put("config", Set.of("campaign", "common", "csvfile", "preset"));
		// stage 3: queue, writer, spool
		map.put("csv", Set.of("campaign", "common", "config", "csvfile"));
		// stage 4: database mirror
		map.put("sync", Set.of("campaign", "common", "config", "csv", "csvfile"));
		// stage 5: export
		map.put("powerbi", Set.of("campaign", "common", "config", "csv", "csvfile", "sync"));
		// bulk import
		map.put("importer", Set.of("campaign", "common", "config", "csv", "csvfile", "preset", "status", "sync"));
		// the analytics replica, its query API (SPEC §12) and the records explorer's
		// (§13)
		map.put("analytics", Set.of("campaign", "common", "config", "csvfile", "sync"));
		// each record's trail: the stages announce themselves, a file keeps it (SPEC §13)
		map.put("trail", Set.of("campaign", "common", "config", "csv", "powerbi", "sync"));
		// where things are: status, banners
		// cluster mode (SPEC §15): entry into a Kafka log, sinks from it
		map.put("cluster", Set.of("campaign", "common", "config", "csv", "sync"));
		map.put("status", Set.of("campaign", "cluster", "common", "csv", "powerbi", "sync"));
		// form and JSON API, and the repair of quarantined lines and rejected import rows
		// through the same form
		map.put("entry",
				Set.of("campaign", "common", "config", "csv", "csvfile", "importer", "status", "sync", "trail"));
		// the dashboard page: its settings, the category values its filters offer,
		// banners
		map.put("dashboard", Set.of("campaign", "config", "status"));
		// import, verify; "" = the application
		map.put("cli", Set.of("", "config", "csv", "importer", "powerbi", "sync"));
		return map;
	}

	/**
	 * What each package offers the others (top-level classes; their nested types come
	 * with them). Everything else is the package's inside, even where Java needs it
	 * public for a framework or a test.
	 */
	static final Map<String, Set<String>> SURFACE = surface();

	private static Map<String, Set<String>> surface() {
		Map<String, Set<String>> map = new LinkedHashMap<>();
		map.put("", Set.of("CampaignPipelineApplication"));
		map.put("campaign",
				Set.of("Campaign", "CampaignColumns", "CampaignField", "CampaignInput", "CampaignValidator",
						"Categories", "CategorySettings", "DateInput", "Kpis", "Money", "StoredCampaign", "Text",
						"TotalKpis", "Validation"));
		map.put("common",
				Set.of("ApiErrors", "Backoff", "BackgroundLoop", "CountingStream", "Durable", "WholeNumberParameter"));
		map.put("config", Set.of("PipelineProperties"));
		map.put("preset", Set.of("ExportLayout", "ExportReader", "LineKind", "PresetCatalog", "PresetRecord",
				"PresetSettings", "UnreadableExportException", "WorkbookLimits"));
		map.put("csvfile", Set.of("CsvFormat", "CsvRecords", "CsvLine", "CsvTail", "FileFingerprint", "IdSet",
				"LineConverter", "QuarantinedLine", "RowReader", "SyncedRow"));
		map.put("csv", Set.of("CampaignQueue", "CsvAppended", "CsvWriterService", "IdTakenException", "Location",
				"PipelineUnavailableException", "Receipt", "RecordsWritten", "Source", "SpoolMoved", "WriterStatus"));
		map.put("sync",
				Set.of("CampaignTable", "LogMirror", "LogPositionMovedException", "MirrorChanged", "MirrorPosition",
						"MirrorReader", "QuarantineTable", "Reconciliation", "SyncBacklog", "SyncStatus",
						"SyncWorker"));
		map.put("powerbi", Set.of("ExportStatus", "ExportWritten", "PowerBiExporter"));
		map.put("trail", Set.of("TrailLog", "TrailStep"));
		map.put("importer", Set.of("CampaignImporter", "HandOverToken", "ImportJobView", "ImportOptions",
				"ImportPreview", "ImportProgress", "RejectedRows", "ImportRequest", "ImportSummary"));
		map.put("status", Set.of("CampaignLookup", "ShowsBanners", "Whereabouts"));
		map.put("cluster", Set.of("EntryStatus", "KafkaCampaignQueue", "LogSink", "SinkStatus"));
		map.put("analytics", Set.of("AnalyticsReplica"));
		map.put("entry", Set.of());
		map.put("dashboard", Set.of());
		map.put("cli", Set.of());
		return map;
	}

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	static List<String> packages() {
		return List.copyOf(ALLOWED.keySet());
	}

	@ParameterizedTest(name = "{0} uses only what the map allows")
	@MethodSource("packages")
	void eachPackageUsesOnlyThePackagesTheMapAllowsIt(String name) {
		Set<String> forbidden = new TreeSet<>(ALLOWED.keySet());
		forbidden.add("");
		forbidden.remove(name);
		forbidden.removeAll(ALLOWED.get(name));
		String[] forbiddenPackages = forbidden.stream().map(ArchitectureTests::qualified).toArray(String[]::new);
		noClasses().that()
			.resideInAPackage(qualified(name))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(forbiddenPackages)
			.because("docs/architecture.md: " + name + " may use only " + ALLOWED.get(name))
			.check(CLASSES);
	}

	@ParameterizedTest(name = "others use only the surface of {0}")
	@MethodSource("packagesWithTheApplication")
	void otherPackagesUseOnlyWhatAPackageOffers(String name) {
		Set<String> surface = SURFACE.get(name);
		DescribedPredicate<JavaClass> inside = DescribedPredicate.describe(
				"the inside of " + (name.isEmpty() ? "the root package" : name) + " (it offers only " + surface + ")",
				c -> topLevel(c).getPackageName().equals(qualified(name))
						&& !surface.contains(topLevel(c).getSimpleName()));
		noClasses().that()
			.resideOutsideOfPackage(qualified(name))
			.should()
			.dependOnClassesThat(inside)
			.because("docs/architecture.md, 'Packages and what they offer others'")
			.check(CLASSES);
	}

	static List<String> packagesWithTheApplication() {
		return List.copyOf(SURFACE.keySet());
	}

	@Test
	void everyPackageHasASurfaceOfClassesThatExist() {
		assertThat(SURFACE.keySet()).as("packages with a surface").containsAll(ALLOWED.keySet());
		SURFACE.forEach((name, surface) -> surface
			.forEach(simpleName -> assertThat(CLASSES.contain(qualified(name) + "." + simpleName))
				.as("%s offers %s, which exists", name, simpleName)
				.isTrue()));
	}

	/** The top-level class of a class, of an array's element class. */
	private static JavaClass topLevel(JavaClass c) {
		JavaClass top = c.isArray() ? c.getBaseComponentType() : c;
		while (top.getEnclosingClass().isPresent()) {
			top = top.getEnclosingClass().get();
		}
		return top;
	}

	@Test
	void noPackagesDependOnEachOtherInACycle() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void everyPackageOfTheProductIsOnTheMap() {
		Set<String> found = new TreeSet<>();
		CLASSES.forEach(
				c -> found.add(c.getPackageName().equals(ROOT) ? "" : c.getPackageName().substring(ROOT.length() + 1)));
		found.remove("");
		assertThat(ALLOWED.keySet()).as("packages on the map").containsExactlyInAnyOrderElementsOf(found);
	}

	private static String qualified(String name) {
		return name.isEmpty() ? ROOT : ROOT + "." + name;
	}

}
