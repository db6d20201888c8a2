package dev.campaignpipe.importer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.campaignpipe.support.ChildApp;
import dev.campaignpipe.support.Cli;
import dev.campaignpipe.support.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar <jar> import} and {@code verify}, run as an analyst runs them. */
class ImportCommandIntegrationTests {

	static final Path SAMPLE = dev.campaignpipe.support.Seed.sample();

	static final Pattern SUMMARY = Pattern.compile(
			"read ([\\d,]+) · stored ([\\d,]+) \\(flagged ([\\d,]+)\\) · skipped as duplicates ([\\d,]+) · rejected ([\\d,]+)");

	@TempDir
	Path dir;

	/** read, stored, flagged, duplicates, rejected */
	static long[] summary(String output) {
		Matcher m = SUMMARY.matcher(output);
		assertThat(m.find()).as(output).isTrue();
		long[] counts = new long[5];
		for (int i = 0; i < 5; i++) {
			counts[i] = Long.parseLong(m.group(i + 1).replace(",", ""));
		}
		return counts;
	}

	Path data() {
		return dir.resolve("data");
	}

	Database database() {
		return Database.embedded(data());
	}

	Cli.Run cli(String... args) throws Exception {
		String[] all = java.util.Arrays.copyOf(args, args.length + 1);
		all[args.length] = "--pipeline.data-dir=" + data();
		return Cli.run(all);
	}

	@Test
	void originalFileImportsWithEveryRowAccountedForAndAgainAsDuplicates() throws Exception {
		Path input = Files.copy(SAMPLE, dir.resolve("sample.csv"));
		long rows = Files.readAllLines(SAMPLE).stream().skip(1).filter(l -> !l.isBlank()).count();

		Cli.Run first = cli("import", input.toString());
		assertThat(first.exitCode()).as(first.output()).isZero();
		long[] s = summary(first.output());
		assertThat(s[0]).isEqualTo(rows);
		assertThat(s[1] + s[3] + s[4]).as("stored + duplicates + rejected = read").isEqualTo(rows);
		assertThat(s[4]).isPositive(); // the sample has rows with more clicks than
										// impressions

		// rejects beside the input: the original row and its reason
		List<String> rejects = Files.readAllLines(dir.resolve("sample.rejects.csv"), StandardCharsets.UTF_8);
		assertThat(rejects).hasSize((int) s[4] + 1);
		assertThat(rejects.get(0)).endsWith(",reject_reason");
		assertThat(rejects.get(1)).contains("clicks must not exceed impressions");

		// normalized and recomputed in the database
		Database db = database();
		assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(s[1]);
		List<Object> row1 = db
			.query("SELECT marketing_channel, date, cost_per_click, quality_score FROM "
					+ "digital_marketing_ad_performance_data WHERE campaign_id = 1")
			.get(0);
		assertThat(row1.get(0)).isEqualTo("Google");
		assertThat(row1.get(1).toString()).isEqualTo("2024-10-15");
		assertThat((BigDecimal) row1.get(2)).isEqualByComparingTo("0.2603"); // the file
																				// said
																				// 0.26
		assertThat((BigDecimal) row1.get(3)).isEqualByComparingTo("6.8730"); // the file
																				// said
																				// 4.54
		assertThat(db.count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data WHERE country = 'Uk' "
				+ "OR marketing_channel = 'Instagram '"))
			.isZero();
		// and in the Power BI export
		assertThat(Files.readAllLines(data().resolve("powerbi/powerbi_digital_marketing_data.csv")))
			.hasSize((int) s[1] + 1);

		Cli.Run verify = cli("verify");
		assertThat(verify.exitCode()).as(verify.output()).isZero();
		assertThat(verify.output()).contains("result: CSV and database agree");

		Cli.Run again = cli("import", input.toString());
		long[] t = summary(again.output());
		assertThat(t[1]).as("stored on the second import").isZero();
		assertThat(t[3]).as("skipped as duplicates").isEqualTo(s[1]);
		assertThat(t[4]).isEqualTo(s[4]);
		assertThat(database().count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(s[1]);

		// this product's own CSV starts with a BOM; its ids are read all the same
		Path own = Files.copy(data().resolve("campaigns.csv"), dir.resolve("own.csv"));
		assertThat(Files.readAllBytes(own)).startsWith(0xEF, 0xBB, 0xBF);
		long[] o = summary(cli("import", own.toString()).output());
		assertThat(o[1]).as("stored from the product's own CSV").isZero();
		assertThat(o[3]).as("skipped as duplicates").isEqualTo(s[1]);
		assertThat(database().count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(s[1]);
	}

	@Test
	void anIdTakenByDifferentContentIsRejectedOrReassignedOnRequest() throws Exception {
		List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
		Path first = dir.resolve("first.csv");
		Files.write(first, List.of(lines.get(0), lines.get(1), lines.get(2)));
		assertThat(summary(cli("import", first.toString()).output())[1]).isEqualTo(2);

		Path changed = dir.resolve("changed.csv");
		Files.write(changed, List.of(lines.get(0), lines.get(1).replace(",Amazon,", ",Amazon EU,"), lines.get(2)));
		Cli.Run rejected = cli("import", changed.toString());
		long[] r = summary(rejected.output());
		assertThat(r[3]).isEqualTo(1); // line 2 is the same record: a duplicate
		assertThat(r[4]).isEqualTo(1);
		assertThat(Files.readString(dir.resolve("changed.rejects.csv")))
			.contains("campaign_id 1 is already used by a different record");

		Cli.Run reassigned = cli("import", changed.toString(), "--reassign-ids");
		long[] a = summary(reassigned.output());
		assertThat(a[1]).isEqualTo(1);
		Database db = database();
		assertThat(db.query(
				"SELECT campaign_id FROM digital_marketing_ad_performance_data WHERE campaign_company = 'Amazon EU'"))
			.singleElement()
			.satisfies(row -> assertThat(((Number) row.get(0)).longValue()).isGreaterThan(2));
		assertThat(db.query("SELECT campaign_company FROM digital_marketing_ad_performance_data WHERE campaign_id = 1")
			.get(0)
			.get(0)).isEqualTo("Amazon");
	}

	@Test
	void keepFlaggedStoresRuleBreakingRowsWithTheirReasons() throws Exception {
		Path input = Files.copy(SAMPLE, dir.resolve("sample.csv"));
		long[] s = summary(cli("import", input.toString(), "--on-invalid=keep-flagged").output());
		assertThat(s[2]).isPositive();
		assertThat(s[4]).isZero(); // every sample row can be read, so none is rejected
		assertThat(database()
			.query("SELECT data_quality FROM digital_marketing_ad_performance_data WHERE campaign_id = 10")
			.get(0)
			.get(0)).isEqualTo("clicks must not exceed impressions (185)");
		assertThat(
				database().count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data WHERE data_quality <> ''"))
			.isEqualTo(s[2]);
	}

	@Test
	void verifyFindsARowDeletedFromTheDatabaseAndARowRemovedFromTheCsv() throws Exception {
		Path input = Files.copy(SAMPLE, dir.resolve("sample.csv"));
		cli("import", input.toString());
		assertThat(cli("verify").exitCode()).isZero();

		database().update("DELETE FROM digital_marketing_ad_performance_data WHERE campaign_id = 5");
		Cli.Run missingInDb = cli("verify");
		assertThat(missingInDb.exitCode()).isEqualTo(1);
		assertThat(missingInDb.output()).contains("ids missing in the database: 1 (5)").contains("result: DIFFERENT");

		Path csv = data().resolve("campaigns.csv");
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		lines.removeIf(l -> l.startsWith("7,"));
		Files.writeString(csv, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
		Cli.Run missingInCsv = cli("verify");
		assertThat(missingInCsv.exitCode()).isEqualTo(1);
		assertThat(missingInCsv.output()).contains("ids missing in the CSV: 1 (7)");
	}

	@Test
	void withTheServerRunningTheFileIsHandedToIt() throws Exception {
		Path input = Files.copy(SAMPLE, dir.resolve("sample.csv"));
		try (ChildApp server = ChildApp.start(data())) {
			Cli.Run run = cli("import", input.toString(), "--server.port=" + server.uri("/").getPort());
			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(run.output()).contains("Handing " + input + " to the server at");
			long[] s = summary(run.output());
			assertThat(s[1] + s[3] + s[4]).isEqualTo(s[0]);
		}
	}

	/**
	 * With the login on (an exposed server), the command line hands over with the
	 * password it is configured with and the token from the data folder; without the
	 * password it is refused and says what to set.
	 */
	@Test
	void withTheLoginOnTheCommandLineHandsOverWithThePasswordAndTheToken() throws Exception {
		Path input = Files.copy(SAMPLE, dir.resolve("sample.csv"));
		try (ChildApp server = ChildApp.start(data(), "--pipeline.security.password=s3cret")) {
			String port = "--server.port=" + server.uri("/").getPort();
			Cli.Run refused = cli("import", input.toString(), port);
			assertThat(refused.exitCode()).as(refused.output()).isNotZero();
			assertThat(refused.output()).contains("(401)").contains("pipeline.security.password");

			Cli.Run run = cli("import", input.toString(), port, "--pipeline.security.password=s3cret");
			assertThat(run.exitCode()).as(run.output()).isZero();
			long[] s = summary(run.output());
			assertThat(s[1] + s[3] + s[4]).isEqualTo(s[0]);
		}
	}

	/**
	 * Handing over from another folder opens no database and leaves nothing behind there.
	 */
	@Test
	void aHandOverFromAnotherFolderCreatesNothingInIt() throws Exception {
		Path input = Files.copy(SAMPLE, dir.resolve("sample.csv"));
		Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
		try (ChildApp server = ChildApp.start(data())) {
			Cli.Run run = Cli.runIn(elsewhere, "import", input.toString(),
					"--server.port=" + server.uri("/").getPort());
			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(run.output()).contains("Handing " + input + " to the server at");
		}
		try (var created = Files.list(elsewhere)) {
			assertThat(created).as("files the import created in its current folder").isEmpty();
		}
	}

	@Test
	void withTheDatabaseMirrorOffIdsAreCheckedAgainstTheCsvItself() throws Exception {
		Path input = Files.copy(SAMPLE, dir.resolve("sample.csv"));
		long[] first = summary(cli("import", input.toString(), "--pipeline.sync.enabled=false").output());
		assertThat(first[1]).isPositive();
		long[] again = summary(cli("import", input.toString(), "--pipeline.sync.enabled=false").output());
		assertThat(again[1]).isZero();
		assertThat(again[3]).isEqualTo(first[1]);
	}

	@Test
	void helpListsTheCommands() throws Exception {
		Cli.Run help = Cli.run("--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.output()).contains("import").contains("verify");
		Cli.Run bad = Cli.run("import", "--on-invalid=maybe", SAMPLE.toString());
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.output()).contains("--on-invalid must be reject or keep-flagged");
	}

}
