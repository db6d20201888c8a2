package dev.campaignpipe.importer;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.campaignpipe.support.Cli;
import dev.campaignpipe.support.Database;
import dev.campaignpipe.support.PresetFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ad platforms' exports (SPEC §14) through {@code java -jar <jar> import}, as an
 * analyst runs it: the sums of each file's data rows — never its total rows — end up in
 * the stored records or, row by row, in the rejects file; every line of the file is
 * counted; a re-import changes nothing and a restated export updates exactly the restated
 * records; files that cannot be imported as they are stop with a message.
 */
class PresetImportIntegrationTests {

	static final Pattern SUMMARY = Pattern.compile("([a-z-]+): read ([\\d,]+) data rows · stored ([\\d,]+) records · "
			+ "updated ([\\d,]+) · unchanged ([\\d,]+) · rejected ([\\d,]+) rows(?: · lines skipped: ([^\\n]*))?");

	@TempDir
	Path dir;

	/**
	 * One example file and what the test reads from it on its own: how it is written, and
	 * the defaults an analyst gives for the fields it lacks.
	 */
	record Example(String file, String preset, Charset charset, char delimiter, String campaign, String impressions,
			String clicks, String spend, String revenue, String... defaults) {

		@Override
		public String toString() {
			return file;
		}

	}

	static Stream<Example> examples() {
		Charset utf16 = StandardCharsets.UTF_16;
		Charset utf8 = StandardCharsets.UTF_8;
		return Stream.of(
				new Example("google_g1_campaign_day_device_en-US.csv", "google-ads", utf8, ',', "Campaign", "Impr.",
						"Clicks", "Cost", "Conv. value", "campaign_company=Acme Outdoor", "country=USA",
						"audience_segment=New Users"),
				new Example("google_g2_excel_csv_en-GB.csv", "google-ads", utf16, '\t', "Campaign", "Impr.", "Clicks",
						"Cost", "Conv. value", "audience_segment=New Users"),
				new Example("linkedin_l1_en-US.csv", "linkedin-ads", utf16, '\t', "Campaign Name", "Impressions",
						"Clicks", "Total Spent", "Total Conversion Value", "device_type=Desktop", "country=USA",
						"audience_segment=High Intent"),
				new Example("meta_m1_campaign_daily.csv", "meta-ads", utf8, ',', "Campaign name", "Impressions",
						"Link clicks", "Amount spent (USD)", "Purchases conversion value",
						"campaign_company=Acme Outdoor", "ad_format=Image", "device_type=Mobile", "country=USA",
						"audience_segment=Cold Audience"),
				new Example("meta_m2_adset_age_gender.csv", "meta-ads", utf8, ',', "Campaign name", "Impressions",
						"Link clicks", "Amount spent (USD)", "Purchases conversion value",
						"campaign_company=Acme Outdoor", "ad_format=Image", "device_type=Mobile", "country=USA"),
				new Example("msads_ms2_geo_device_daily.csv", "microsoft-ads", utf8, ',', "CampaignName", "Impressions",
						"Clicks", "Spend", "Revenue", "campaign_type=Traffic", "audience_segment=New Users"),
				new Example("pinterest_p1_campaign_daily.csv", "pinterest-ads", utf8, ',', "Campaign name",
						"Impressions", "Pin clicks", "Spend", "Total conversion value",
						"campaign_company=Bluefin Coffee", "device_type=Mobile", "country=USA",
						"audience_segment=Cold Audience"),
				new Example("tiktok_t1_campaign_by_day.csv", "tiktok-ads", utf8, ',', "Campaign name", "Impressions",
						"Clicks (destination)", "Cost", "Total complete payment value", "campaign_company=Acme Outdoor",
						"device_type=Mobile", "country=USA", "audience_segment=Cold Audience"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void eachExampleIsStoredWithTheSumsOfItsDataRowsAndEveryLineCounted(Example example) throws Exception {
		Path input = Files.copy(PresetFiles.of(example.file()), dir.resolve(example.file()));
		Cli.Run run = cli(input, example.defaults());
		assertThat(run.exitCode()).as(run.output()).isZero();
		Summary summary = Summary.of(run.output());
		assertThat(summary.preset()).isEqualTo(example.preset());

		Sums file = dataRows(example, input);
		assertThat(summary.read()).as("data rows read").isEqualTo(file.rows());
		assertThat(1 + summary.read() + summary.skipped()).as("header + data + skipped = the file's lines")
			.isEqualTo(lines(input, example.charset()));

		Path rejectsFile = dir.resolve(example.file().replace(".csv", ".rejects.csv"));
		Sums rejected = Files.exists(rejectsFile) ? rejectedRows(example, rejectsFile) : Sums.NONE;
		assertThat(rejected.rows()).isEqualTo(summary.rejected());
		Sums stored = storedRecords();
		assertThat(stored.rows()).as("records").isEqualTo(summary.stored());
		assertThat(stored.impressions().add(rejected.impressions())).isEqualByComparingTo(file.impressions());
		assertThat(stored.clicks().add(rejected.clicks())).isEqualByComparingTo(file.clicks());
		assertThat(stored.spend().add(rejected.spend())).isEqualByComparingTo(file.spend());
		assertThat(stored.revenue().add(rejected.revenue())).isEqualByComparingTo(file.revenue());
		assertThat(summary.stored()).as("something is stored").isPositive();
	}

	@Test
	void aReimportChangesNothingAndARestatedExportUpdatesExactlyItsRestatedRecords() throws Exception {
		Example meta = examples().filter(e -> e.preset().equals("meta-ads")).findFirst().orElseThrow();
		Path input = Files.copy(PresetFiles.of(meta.file()), dir.resolve(meta.file()));
		Summary first = Summary.of(cli(input, meta.defaults()).output());
		assertThat(first.stored()).isEqualTo(10);
		long id = (long) database()
			.query("SELECT campaign_id FROM digital_marketing_ad_performance_data WHERE campaign_name = ? AND date = ?",
					"Acme Outdoor | Sales | Spring Jackets", java.sql.Date.valueOf("2025-05-05"))
			.get(0)
			.get(0);

		Summary again = Summary.of(cli(input, meta.defaults()).output());
		assertThat(again.stored()).isZero();
		assertThat(again.updated()).isZero();
		assertThat(again.unchanged()).isEqualTo(10);
		assertThat(database().count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(10);

		// Meta restates 5 May: 14 purchases became 19 as late conversions arrived
		Path restated = dir.resolve("meta_restated.csv");
		String text = Files.readString(input, StandardCharsets.UTF_8);
		String row = "active,14,actions:offsite_conversion.fb_pixel_purchase,9120,";
		assertThat(text).contains(row);
		Files.writeString(restated, text.replace(row, "active,19,actions:offsite_conversion.fb_pixel_purchase,9120,"),
				StandardCharsets.UTF_8);
		Cli.Run run = cli(restated, meta.defaults());
		Summary third = Summary.of(run.output());
		assertThat(third.stored()).as(run.output()).isZero();
		assertThat(third.updated()).isEqualTo(1);
		assertThat(third.unchanged()).isEqualTo(9);

		assertThat(database().count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data")).isEqualTo(10);
		assertThat(database()
			.count("SELECT conversions FROM digital_marketing_ad_performance_data WHERE campaign_id = ?", id))
			.isEqualTo(19);
		List<String> csv = Files.readAllLines(data().resolve("campaigns.csv"), StandardCharsets.UTF_8);
		assertThat(csv).hasSize(11);
		assertThat(csv.stream().filter(line -> line.startsWith(id + ",")).toList()).singleElement()
			.satisfies(line -> assertThat(line).contains(",19,"));
		Cli.Run verify = Cli.run("verify", "--pipeline.data-dir=" + data());
		assertThat(verify.output()).contains("result: CSV and database agree");
		assertThat(Files.readAllLines(data().resolve("powerbi/powerbi_digital_marketing_data.csv"))).hasSize(11);
	}

	@Test
	void aFileWithoutADateStopsUntilGivenOneAndATitleNamingOneDayGivesIt() throws Exception {
		String rows = "Campaign,Campaign type,Device,Impr.,Clicks,Cost,Conversions\r\n"
				+ "Spring - Search,Search,Computers,\"4,210\",188,92.35,6.00\r\n"
				+ "Spring - Search,Search,Mobile phones,\"12,877\",503,211.26,9.50\r\n";
		Path twoDays = dir.resolve("two_days.csv");
		Files.writeString(twoDays, "Campaign report\r\n\"March 3, 2025 - March 4, 2025\"\r\n" + rows);
		String[] defaults = { "campaign_company=Acme Outdoor", "country=USA", "audience_segment=New Users" };
		Cli.Run stopped = cli(twoDays, defaults);
		assertThat(stopped.exitCode()).isEqualTo(1);
		assertThat(stopped.output()).contains("the file has no date column and its title names no single day")
			.contains("--date=yyyy-MM-dd");
		assertThat(Files.exists(data().resolve("campaigns.csv"))
				? Files.readAllLines(data().resolve("campaigns.csv")).size() : 1)
			.as("nothing stored")
			.isEqualTo(1);

		String[] withDate = Arrays.copyOf(defaults, defaults.length + 1);
		withDate[defaults.length] = "--date=2025-03-05";
		Summary dated = Summary.of(cli(twoDays, withDate).output());
		assertThat(dated.stored()).isEqualTo(2);
		assertThat(dated.lines()).contains("preamble 2");
		assertThat(database().count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data WHERE date = ?",
				java.sql.Date.valueOf("2025-03-05")))
			.isEqualTo(2);

		Path oneDay = dir.resolve("one_day.csv");
		Files.writeString(oneDay, "Campaign report\r\n\"March 6, 2025 - March 6, 2025\"\r\n" + rows);
		assertThat(Summary.of(cli(oneDay, defaults).output()).stored()).isEqualTo(2);
		// conversions 6.00 + 9.50 are two records: each rounded once (9.50 → 10)
		assertThat(database().count("SELECT SUM(conversions) FROM digital_marketing_ad_performance_data WHERE date = ?",
				java.sql.Date.valueOf("2025-03-06")))
			.isEqualTo(16);
	}

	@Test
	void aCommaLocaleFileIsReadWithItsDecimalCommaAndDayFirstDates() throws Exception {
		Path input = dir.resolve("google_de.csv");
		Files.writeString(input,
				"Day;Account;Campaign;Campaign type;Device;Country/Territory;Impr.;Clicks;Cost;Conversions;Conv. value\r\n"
						+ "03.03.2025;Bluefin GmbH;Marke - Suche;Search;Computers;Germany;4.210;188;1.092,35;6,5;540,00\r\n"
						+ "03.03.2025;Bluefin GmbH;Marke - Suche;Search;Computers;Germany;1.000;12;7,65;0,25;10,00\r\n"
						+ "13.03.2025;Bluefin GmbH;Marke - Suche;Search;Tablets;Germany;946;31;14,88;0,5;40\r\n"
						+ "13.03.2025;Bluefin GmbH;Marke - Suche;Search;Connected TV;Österreich;946;31;14,88;0,5;40\r\n",
				Charset.forName("windows-1252"));
		Cli.Run run = cli(input, "audience_segment=New Users");
		Summary summary = Summary.of(run.output());
		assertThat(summary.read()).as(run.output()).isEqualTo(4);
		assertThat(summary.stored()).as("the first two rows are one record").isEqualTo(2);
		assertThat(summary.rejected()).isEqualTo(1);
		String reason = Files.readString(dir.resolve("google_de.rejects.csv"), StandardCharsets.UTF_8);
		assertThat(reason).as("the value, the rule and the setting that would take it")
			.contains("(got 'Connected TV')")
			.contains("to take 'Connected TV' add it to pipeline.categories.device-type.aliases")
			.contains("(got 'Österreich')")
			.contains("pipeline.categories.country.aliases");
		List<List<Object>> rows = database().query("SELECT date, impressions, clicks, conversions, ad_spend, revenue "
				+ "FROM digital_marketing_ad_performance_data ORDER BY date");
		assertThat(rows.get(0).get(0).toString()).isEqualTo("2025-03-03");
		assertThat(rows.get(0).get(1)).isEqualTo(5210L);
		assertThat(rows.get(0).get(3)).as("6.5 + 0.25 rounded once").isEqualTo(7L);
		assertThat((BigDecimal) rows.get(0).get(4)).isEqualByComparingTo("1100.00");
		assertThat((BigDecimal) rows.get(0).get(5)).isEqualByComparingTo("550.00");
		assertThat(rows.get(1).get(0).toString()).isEqualTo("2025-03-13");
	}

	@Test
	void filesThatCannotBeImportedAsTheyAreStopWithAMessage() throws Exception {
		Path twoCurrencies = dir.resolve("two_currencies.csv");
		Files.writeString(twoCurrencies, Files.readString(PresetFiles.of("google_g1_campaign_day_device_en-US.csv"))
			.replaceFirst("Computers,USD", "Computers,EUR"));
		Cli.Run mixed = cli(twoCurrencies, "campaign_company=Acme", "country=USA", "audience_segment=New Users");
		assertThat(mixed.exitCode()).isEqualTo(1);
		assertThat(mixed.output()).contains("the file mixes currencies (EUR, USD)");

		Path multiDay = dir.resolve("meta_range.csv");
		Files.writeString(multiDay,
				Files.readString(PresetFiles.of("meta_m1_campaign_daily.csv"), StandardCharsets.UTF_8)
					.replace("2025-05-05,2025-05-05,\"Acme Outdoor | Sales",
							"2025-05-05,2025-05-08,\"Acme Outdoor | Sales"),
				StandardCharsets.UTF_8);
		Example meta = examples().filter(e -> e.file().startsWith("meta_m1")).findFirst().orElseThrow();
		Cli.Run range = cli(multiDay, meta.defaults());
		assertThat(range.exitCode()).isEqualTo(1);
		assertThat(range.output())
			.contains("1 rows cover more than one day (e.g. 2025-05-05 to 2025-05-08), and a record is one day");

		Path unknown = dir.resolve("unknown.csv");
		Files.writeString(unknown, "Campaign name,Impressions,Budget\r\nA,1,2\r\n");
		Cli.Run unrecognized = cli(unknown);
		assertThat(unrecognized.exitCode()).isEqualTo(1);
		assertThat(unrecognized.output()).contains("the header is not one of a known export")
			.contains("closest: ")
			.contains("meta-ads (missing Amount spent (*))");

		Cli.Run badPreset = cli(unknown, "--preset=facebook");
		assertThat(badPreset.output()).contains("--preset must be one of auto, google-ads");
		Cli.Run badDefault = cli(unknown, "colour=blue");
		assertThat(badDefault.exitCode()).isEqualTo(2);
		assertThat(badDefault.output()).contains("--default colour: not a field of a record");
		assertThat(Files.exists(data().resolve("campaigns.csv"))
				? Files.readAllLines(data().resolve("campaigns.csv")).size() : 1)
			.as("nothing stored")
			.isEqualTo(1);
	}

	@Test
	void aDryRunShowsThePresetTheMappingAndTheFirstRecordsAndStoresNothing() throws Exception {
		Path input = Files.copy(PresetFiles.of("meta_m2_adset_age_gender.csv"), dir.resolve("m2.csv"));
		Cli.Run run = Cli.run("import", input.toString(), "--dry-run", "--pipeline.data-dir=" + data());
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("preset: meta-ads (Meta Ads Manager)")
			.contains("encoding: UTF-8 with BOM")
			.containsPattern("ad_spend\\s+← column 'Amount spent \\(USD\\)'")
			.contains("columns not read: Age, Gender, Reach, Frequency")
			.contains("would stop: no value for campaign_company (the file has no column for it)")
			.contains("first ");
		assertThat(data().resolve("campaigns.csv")).doesNotExist();
	}

	@Test
	void aMetaXlsxExportIsReadLikeTheSameExportAsCsv() throws Exception {
		Example meta = examples().filter(e -> e.file().startsWith("meta_m1")).findFirst().orElseThrow();
		Path csv = PresetFiles.of(meta.file());
		Path xlsx = dir.resolve("meta_m1.xlsx");
		writeWorkbook(csv, xlsx);
		Cli.Run run = cli(xlsx, meta.defaults());
		assertThat(run.exitCode()).as(run.output()).isZero();
		Summary summary = Summary.of(run.output());
		Sums file = dataRows(meta, csv);
		assertThat(summary.read()).isEqualTo(file.rows());
		assertThat(summary.lines()).contains("total 1"); // the summary row without a
															// campaign
		Sums stored = storedRecords();
		assertThat(stored.rows()).isEqualTo(summary.stored()).isEqualTo(10);
		assertThat(stored.impressions()).isEqualByComparingTo(file.impressions());
		assertThat(stored.clicks()).isEqualByComparingTo(file.clicks());
		assertThat(stored.spend()).isEqualByComparingTo(file.spend());
		assertThat(stored.revenue()).isEqualByComparingTo(file.revenue());
		assertThat(database().count("SELECT COUNT(*) FROM digital_marketing_ad_performance_data WHERE date = ?",
				java.sql.Date.valueOf("2025-05-08")))
			.as("dates from date-formatted cells")
			.isEqualTo(2);
	}

	@Test
	void zipBombsAndDamagedWorkbooksAreRefusedWithAMessage() throws Exception {
		Path bomb = dir.resolve("bomb.xlsx");
		try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(bomb))) {
			zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
			byte[] zeros = new byte[1 << 20];
			for (int i = 0; i < 64; i++) {
				zip.write(zeros); // 64 MB that pack into a few kilobytes
			}
			zip.closeEntry();
		}
		assertThat(Files.size(bomb)).isLessThan(1 << 20);
		Cli.Run refused = cli(bomb, "--pipeline.workbooks.max-unpacked=16MB");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.output()).contains("the XLSX file unpacks to more than 16 MB");

		Path parts = dir.resolve("parts.xlsx");
		try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(parts))) {
			for (int i = 0; i < 50; i++) {
				zip.putNextEntry(new java.util.zip.ZipEntry("part" + i + ".xml"));
				zip.closeEntry();
			}
		}
		Cli.Run many = cli(parts, "--pipeline.workbooks.max-entries=20");
		assertThat(many.output()).contains("the XLSX file holds 50 parts, more than 20");

		Path whole = dir.resolve("whole.xlsx");
		writeWorkbook(PresetFiles.of("meta_m1_campaign_daily.csv"), whole);
		byte[] bytes = Files.readAllBytes(whole);
		Path truncated = dir.resolve("truncated.xlsx");
		Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
		Cli.Run cut = cli(truncated);
		assertThat(cut.exitCode()).isEqualTo(1);
		assertThat(cut.output()).contains("the XLSX file is damaged or cut short");
		assertThat(data().resolve("campaigns.csv")).as("nothing stored")
			.satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(Files.readAllLines(p)).hasSize(1));
	}

	/**
	 * The CSV export as Meta's XLSX download: numbers as numbers, the dates as
	 * date-formatted cells.
	 */
	static void writeWorkbook(Path csv, Path xlsx) throws IOException {
		List<List<String>> records = records(Files.readString(csv, StandardCharsets.UTF_8), ',');
		try (var out = Files.newOutputStream(xlsx)) {
			org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
			org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet("Raw Data Report");
			for (int r = 0; r < records.size(); r++) {
				List<String> row = records.get(r);
				for (int c = 0; c < row.size(); c++) {
					String cell = row.get(c);
					if (r > 0 && cell.matches("\\d{4}-\\d{2}-\\d{2}")) {
						sheet.value(r, c, java.time.LocalDate.parse(cell));
						sheet.style(r, c).format("yyyy-mm-dd").set();
					}
					else if (r > 0 && cell.matches("-?\\d+(\\.\\d+)?")) {
						sheet.value(r, c, Double.parseDouble(cell));
					}
					else if (!cell.isEmpty()) {
						sheet.value(r, c, cell);
					}
				}
			}
			workbook.finish();
		}
	}

	// ---- the test's own reading of the files ----

	record Sums(long rows, BigDecimal impressions, BigDecimal clicks, BigDecimal spend, BigDecimal revenue) {

		static final Sums NONE = new Sums(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

		Sums minus(Sums other) {
			return new Sums(rows - other.rows, impressions.subtract(other.impressions), clicks.subtract(other.clicks),
					spend.subtract(other.spend), revenue.subtract(other.revenue));
		}

	}

	record Summary(String preset, long read, long stored, long updated, long unchanged, long rejected, String lines) {

		static Summary of(String output) {
			Matcher m = SUMMARY.matcher(output);
			assertThat(m.find()).as(output).isTrue();
			return new Summary(m.group(1), n(m.group(2)), n(m.group(3)), n(m.group(4)), n(m.group(5)), n(m.group(6)),
					m.group(7) == null ? "" : m.group(7));
		}

		long skipped() {
			long sum = 0;
			for (Matcher m = Pattern.compile("[a-z]+ (\\d+)").matcher(lines); m.find();) {
				sum += Long.parseLong(m.group(1));
			}
			return sum;
		}

		private static long n(String text) {
			return Long.parseLong(text.replace(",", ""));
		}

	}

	/** The file's data rows: below its header, with a campaign, not a total. */
	static Sums dataRows(Example example, Path file) throws IOException {
		List<List<String>> records = records(Files.readString(file, example.charset()), example.delimiter());
		int at = 0;
		while (!records.get(at).stream().map(String::strip).toList().contains(example.campaign())) {
			at++;
		}
		List<String> header = records.get(at).stream().map(String::strip).toList();
		List<List<String>> data = new ArrayList<>();
		for (List<String> row : records.subList(at + 1, records.size())) {
			int campaign = header.indexOf(example.campaign());
			if (row.size() == header.size() && !row.get(campaign).isBlank() && !row.get(0).startsWith("Total:")) {
				data.add(row);
			}
		}
		return sums(example, header, data);
	}

	/** The rejects file's rows, read with the input file's header. */
	static Sums rejectedRows(Example example, Path rejects) throws IOException {
		List<List<String>> records = records(Files.readString(rejects, StandardCharsets.UTF_8).replace("\uFEFF", ""),
				',');
		List<String> header = records.get(0).stream().map(String::strip).toList();
		return sums(example, header, records.subList(1, records.size()));
	}

	private static Sums sums(Example example, List<String> header, List<List<String>> rows) {
		BigDecimal[] sums = { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO };
		String[] columns = { example.impressions(), example.clicks(), example.spend(), example.revenue() };
		for (List<String> row : rows) {
			for (int i = 0; i < columns.length; i++) {
				String cell = row.get(header.indexOf(columns[i])).replace(",", "").strip();
				if (!cell.isEmpty()) {
					sums[i] = sums[i].add(new BigDecimal(cell));
				}
			}
		}
		return new Sums(rows.size(), sums[0], sums[1], sums[2], sums[3]);
	}

	private static List<List<String>> records(String text, char delimiter) throws IOException {
		List<List<String>> records = new ArrayList<>();
		try (CsvReader<CsvRecord> reader = CsvReader.builder()
			.fieldSeparator(delimiter)
			.skipEmptyLines(true)
			.missingFieldStrategy(FieldMismatchStrategy.IGNORE)
			.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
			.ofCsvRecord(new StringReader(text.replace("\uFEFF", "")))) {
			reader.forEach(record -> records.add(record.getFields()));
		}
		return records;
	}

	/**
	 * Lines of a text file, the last one counted whether or not it ends in a line break.
	 */
	static long lines(Path file, Charset charset) throws IOException {
		String text = Files.readString(file, charset);
		String[] lines = text.split("\r\n|\n|\r", -1);
		return text.endsWith("\n") ? lines.length - 1 : lines.length;
	}

	Sums storedRecords() throws Exception {
		return storedRecords(database());
	}

	static Sums storedRecords(Database database) throws Exception {
		List<Object> row = database.query("SELECT COUNT(*), COALESCE(SUM(impressions), 0), COALESCE(SUM(clicks), 0), "
				+ "COALESCE(SUM(ad_spend), 0), COALESCE(SUM(revenue), 0) FROM digital_marketing_ad_performance_data")
			.get(0);
		return new Sums(((Number) row.get(0)).longValue(), new BigDecimal(row.get(1).toString()),
				new BigDecimal(row.get(2).toString()), new BigDecimal(row.get(3).toString()),
				new BigDecimal(row.get(4).toString()));
	}

	Path data() {
		return dir.resolve("data");
	}

	Database database() {
		return Database.embedded(data());
	}

	/** {@code import FILE} with {@code --default} for each {@code FIELD=VALUE}. */
	Cli.Run cli(Path file, String... defaults) throws Exception {
		List<String> args = new ArrayList<>(List.of("import", file.toString()));
		for (String d : defaults) {
			if (d.startsWith("--")) {
				args.add(d);
			}
			else {
				args.add("--default");
				args.add(d);
			}
		}
		args.add("--pipeline.data-dir=" + data());
		return Cli.run(args.toArray(String[]::new));
	}

}
