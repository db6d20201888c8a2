package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.Kpis;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.csvfile.CsvRecords;
import dev.campaignpipe.csvfile.FileFingerprint;
import dev.campaignpipe.csvfile.IdSet;
import dev.campaignpipe.csvfile.LineConverter;

/**
 * The star schema Power BI relates without any work: one fact file with integer keys, a
 * file per dimension, and a contiguous date table. Converted fact rows are cached, so
 * each export converts only what the CSV gained since the last one. Keys are stable while
 * the CSV grows (closed sets keep their configured order, free-text values their first
 * appearance), and the dimension files are renamed into place before the fact file, so
 * every fact key a reader can see has its dimension row.
 */
final class StarExport {

	static final String FACT = "fact_campaign_performance.csv";

	static final String DATES = "dim_date.csv";

	/** Dimension file, key column, value column, and which field of a record it holds. */
	enum Dimension {

		COMPANY("dim_company.csv", "company_key", "campaign_company", null),
		CAMPAIGN("dim_campaign.csv", "campaign_key", "campaign_name", null),
		CHANNEL("dim_channel.csv", "channel_key", "marketing_channel", CampaignField.MARKETING_CHANNEL),
		AD_FORMAT("dim_ad_format.csv", "ad_format_key", "ad_format", CampaignField.AD_FORMAT),
		DEVICE("dim_device.csv", "device_key", "device_type", CampaignField.DEVICE_TYPE),
		COUNTRY("dim_country.csv", "country_key", "country", CampaignField.COUNTRY),
		SEGMENT("dim_audience_segment.csv", "audience_segment_key", "audience_segment", CampaignField.AUDIENCE_SEGMENT);

		final String file;

		final String keyColumn;

		final String valueColumn;

		final CampaignField closedSet;

		Dimension(String file, String keyColumn, String valueColumn, CampaignField closedSet) {
			this.file = file;
			this.keyColumn = keyColumn;
			this.valueColumn = valueColumn;
			this.closedSet = closedSet;
		}

		String valueOf(Campaign c) {
			return switch (this) {
				case COMPANY -> c.company();
				case CAMPAIGN -> c.name();
				case CHANNEL -> c.channel();
				case AD_FORMAT -> c.adFormat();
				case DEVICE -> c.deviceType();
				case COUNTRY -> c.country();
				case SEGMENT -> c.audienceSegment();
			};
		}

	}

	static final List<String> FACT_COLUMNS = List.of("campaign_id", "date_key", "company_key", "campaign_key",
			"channel_key", "ad_format_key", "device_key", "country_key", "audience_segment_key", "campaign_type",
			"impressions", "clicks", "conversions", "ad_spend", "revenue", "cost_per_click", "cost_per_mille", "ctr",
			"conversion_rate", "cpc_effectiveness_score", "roi_score", "click_to_conversion_ratio", "quality_score",
			"engagement_to_spend_ratio", "cost_efficiency_index", "roas", "roi", "data_quality");

	private final Path csv;

	private final Path cache;

	private final LineConverter converter;

	private final Categories categories;

	/** What the fact cache holds: rows converted from the CSV up to {@code position}. */
	private CsvRecords.Position position;

	/** The CSV as it was when the cache was last brought up to date. */
	private FileFingerprint.Mark mark;

	private Map<Dimension, Map<String, Integer>> keys;

	private IdSet seen;

	private final LocalDate[] range = new LocalDate[2];

	private long records;

	StarExport(Path csv, Path stateDir, LineConverter converter, Categories categories) {
		this.csv = csv;
		this.cache = stateDir.resolve("powerbi-fact.cache");
		this.converter = converter;
		this.categories = categories;
	}

	/**
	 * Brings the fact rows up to date — converting only the lines added since the last
	 * export unless the CSV was replaced or rewritten — then writes the whole set as
	 * fsync'd temporary files and renames them into place: dimensions and dates first,
	 * the fact file last.
	 * @return the number of fact rows
	 */
	long write(Path dir) throws IOException {
		if (position == null || mark == null || !mark.matches(csv)) {
			reset();
		}
		try (Writer text = new OutputStreamWriter(
				Files.newOutputStream(cache, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
				StandardCharsets.UTF_8);
				CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(text)) {
			position = CsvRecords.forEachLine(csv, position,
					(reader, line) -> converter.record(reader, line)
						.filter(record -> seen.add(record.id()))
						.ifPresent(record -> {
							LocalDate date = record.campaign().date();
							range[0] = range[0] == null || date.isBefore(range[0]) ? date : range[0];
							range[1] = range[1] == null || date.isAfter(range[1]) ? date : range[1];
							writer.writeRecord(factRow(record, keys));
							records++;
						}));
		}
		catch (IOException | RuntimeException ex) {
			position = null; // the cache may hold part of a chunk: rebuild next time
			throw ex;
		}
		mark = FileFingerprint.Mark.of(csv, position.offset());
		publish(dir);
		return records;
	}

	private void reset() throws IOException {
		keys = new LinkedHashMap<>();
		for (Dimension d : Dimension.values()) {
			Map<String, Integer> values = new LinkedHashMap<>();
			if (d.closedSet != null) {
				categories.values(d.closedSet).forEach(v -> values.put(v, values.size() + 1));
			}
			keys.put(d, values);
		}
		seen = new IdSet();
		range[0] = null;
		range[1] = null;
		records = 0;
		position = CsvRecords.Position.START;
		Files.createDirectories(cache.getParent());
		Files.deleteIfExists(cache);
	}

	private void publish(Path dir) throws IOException {
		Map<Path, Path> prepared = new LinkedHashMap<>();
		try {
			for (Dimension d : Dimension.values()) {
				prepared.put(AtomicFile.prepare(dir.resolve(d.file),
						out -> writeCsv(out, List.of(d.keyColumn, d.valueColumn), w -> keys.get(d)
							.forEach((value, key) -> w.writeRecord(Integer.toString(key), CsvFormat.guard(value))))),
						dir.resolve(d.file));
			}
			prepared.put(AtomicFile.prepare(dir.resolve(DATES), out -> writeDates(out, range)), dir.resolve(DATES));
			prepared.put(AtomicFile.prepare(dir.resolve(FACT), out -> writeCsv(out, FACT_COLUMNS, w -> {
				try (FileChannel rows = FileChannel.open(cache)) {
					out.transferFrom(rows, 0, rows.size());
				}
			})), dir.resolve(FACT));
		}
		catch (IOException | RuntimeException ex) {
			for (Path tmp : prepared.keySet()) {
				Files.deleteIfExists(tmp);
			}
			throw ex;
		}
		for (Map.Entry<Path, Path> file : prepared.entrySet()) {
			AtomicFile.commit(file.getKey(), file.getValue());
		}
	}

	private static List<String> factRow(StoredCampaign record, Map<Dimension, Map<String, Integer>> keys) {
		Campaign c = record.campaign();
		Kpis k = record.kpis();
		List<String> row = new ArrayList<>(FACT_COLUMNS.size());
		row.add(Long.toString(record.id()));
		row.add(dateKey(c.date()));
		for (Dimension d : Dimension.values()) {
			Map<String, Integer> values = keys.get(d);
			row.add(Integer.toString(values.computeIfAbsent(d.valueOf(c), v -> values.size() + 1)));
		}
		for (Object value : new Object[] { c.type(), c.impressions(), c.clicks(), c.conversions(), c.adSpend(),
				c.revenue(), k.costPerClick(), k.costPerMille(), k.ctr(), k.conversionRate(), k.cpcEffectivenessScore(),
				k.roiScore(), k.clickToConversionRatio(), k.qualityScore(), k.engagementToSpendRatio(),
				k.costEfficiencyIndex(), k.roas(), k.roi(), c.dataQuality() }) {
			row.add(CsvFormat.format(value));
		}
		return row;
	}

	static String dateKey(LocalDate date) {
		return Integer.toString(date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth());
	}

	private static void writeDates(AtomicFile.Sink out, LocalDate[] range) throws IOException {
		writeCsv(out, List.of("date_key", "date", "year", "quarter", "month", "month_name", "iso_week", "iso_year",
				"weekday", "weekday_name"), writer -> {
					if (range[0] == null) {
						return;
					}
					for (LocalDate d = range[0]; !d.isAfter(range[1]); d = d.plusDays(1)) {
						writer.writeRecord(dateKey(d), d.toString(), Integer.toString(d.getYear()),
								Integer.toString(d.get(IsoFields.QUARTER_OF_YEAR)), Integer.toString(d.getMonthValue()),
								d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
								Integer.toString(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
								Integer.toString(d.get(IsoFields.WEEK_BASED_YEAR)),
								Integer.toString(d.getDayOfWeek().getValue()),
								d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
					}
				});
	}

	@FunctionalInterface
	private interface Rows {

		void write(CsvWriter writer) throws IOException;

	}

	private static void writeCsv(AtomicFile.Sink out, List<String> header, Rows rows) throws IOException {
		Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		text.write(CsvFormat.BOM);
		CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(text);
		writer.writeRecord(header);
		writer.flush(); // header bytes out before rows that may be copied straight to the
						// stream
		text.flush();
		rows.write(writer);
		writer.flush();
		text.flush();
	}

}
