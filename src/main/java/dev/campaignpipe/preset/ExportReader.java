package dev.campaignpipe.preset;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongConsumer;

import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.Text;

/**
 * Reads an ad platform's export as records (SPEC §14). Opening it finds the header and
 * surveys the whole file once — number style, date order, currencies, the date a title
 * names — so that everything is decided per file before any record is made; what stops
 * the import is in {@link #stops()}. {@link #read} then streams the records, every line
 * counted by its kind and every row that cannot become part of a record handed back with
 * its reason.
 */
public final class ExportReader {

	/**
	 * Records being summed at once. Exports list a record's rows together (by day, then
	 * campaign); a row whose record has already left is stored as its own record, and the
	 * importer sees that its key repeats.
	 */
	public static final int OPEN_RECORDS = 20_000;

	/** Rows the number style is decided from. */
	private static final int NUMBER_SAMPLE = 5_000;

	private static final CampaignField[] TEXT_FIELDS = { CampaignField.CAMPAIGN_COMPANY, CampaignField.CAMPAIGN_NAME,
			CampaignField.CAMPAIGN_TYPE, CampaignField.MARKETING_CHANNEL, CampaignField.AD_FORMAT,
			CampaignField.DEVICE_TYPE, CampaignField.COUNTRY, CampaignField.AUDIENCE_SEGMENT };

	private static final CampaignField[] COUNTS = { CampaignField.IMPRESSIONS, CampaignField.CLICKS,
			CampaignField.CONVERSIONS, CampaignField.AD_SPEND, CampaignField.REVENUE };

	private final Path file;

	private final ExportLayout layout;

	private final FieldRules rules;

	private final Categories categories;

	private final List<String> stops = new ArrayList<>();

	private DecimalMark mark = DecimalMark.POINT;

	private DateFormat dates;

	private LocalDate titleDate;

	private ExportReader(Path file, ExportLayout layout, FieldRules rules, Categories categories) {
		this.file = file;
		this.layout = layout;
		this.rules = rules;
		this.categories = categories;
	}

	/**
	 * Finds the file's header and, for an ad platform's export, surveys it.
	 * @param preset {@code auto} or a preset's name
	 * @param defaults values for fields the file lacks ({@code --default},
	 * {@code --date})
	 * @throws UnreadableExportException when no known header is found
	 */
	public static ExportReader open(Path file, PresetCatalog catalog, Categories categories, String preset,
			Map<CampaignField, String> defaults, WorkbookLimits limits) throws IOException {
		ExportLayout layout = ExportLayout.find(file, catalog, preset, limits);
		if (layout.isOwnFormat()) {
			return new ExportReader(file, layout, null, categories);
		}
		ExportReader reader = new ExportReader(file, layout, new FieldRules(layout, defaults), categories);
		reader.survey();
		return reader;
	}

	public ExportLayout layout() {
		return layout;
	}

	/** Why the file cannot be imported as it is; empty when it can. */
	public List<String> stops() {
		return stops;
	}

	/** How the file was read, for the preview: encoding, delimiter, numbers, dates. */
	public Map<String, String> reading() {
		Map<String, String> reading = new LinkedHashMap<>();
		if (layout.workbook()) {
			reading.put("file", "XLSX workbook, first sheet");
			reading.put("header row", Long.toString(layout.headerRecord() + 1L));
		}
		else {
			reading.put("encoding", layout.encoding().describe());
			reading.put("delimiter", layout.delimiterName());
			reading.put("header line", Long.toString(layout.headerRecord() + 1L));
		}
		if (rules != null) {
			reading.put("numbers", mark.describe());
			reading.put("dates", dates.describe());
			if (titleDate != null) {
				reading.put("date from the title", titleDate.toString());
			}
		}
		return reading;
	}

	/** Our field → where its values come from in this file (empty when nowhere). */
	public Map<CampaignField, String> mapping() {
		Map<CampaignField, String> mapping = new EnumMap<>(CampaignField.class);
		for (CampaignField field : CampaignField.values()) {
			String source = rules.source(field, layout.header());
			if (source.isEmpty() && field == CampaignField.DATE && titleDate != null) {
				source = "the title's date " + titleDate;
			}
			mapping.put(field, source);
		}
		return mapping;
	}

	/** Where the records go as they are read. */
	public interface RecordSink {

		void record(PresetRecord record) throws IOException, InterruptedException;

		/** A data row that cannot be part of any record, with the reason. */
		void rejectRow(PresetRecord.SourceRow row, String reason) throws IOException;

	}

	/**
	 * Streams the file's records into {@code sink}.
	 * @param maxDataRows stop after this many data rows (the preview), or
	 * {@link Long#MAX_VALUE}
	 * @param bytesRead told of bytes read, for progress; may be {@code null}
	 * @return the file's lines by kind (only those read, when stopped early)
	 */
	public Map<LineKind, Long> read(RecordSink sink, long maxDataRows, LongConsumer bytesRead)
			throws IOException, InterruptedException {
		Map<LineKind, Long> kinds = new EnumMap<>(LineKind.class);
		LinkedHashMap<String, Group> open = new LinkedHashMap<>();
		long dataRows = 0;
		try (ExportLines in = layout.open(file, bytesRead)) {
			int record = 0;
			for (List<String> cells = in.next(); cells != null; cells = in.next(), record++) {
				LineKind kind = layout.kindOf(record, cells);
				kinds.merge(kind, 1L, Long::sum);
				if (kind != LineKind.DATA) {
					continue;
				}
				PresetRecord.SourceRow row = new PresetRecord.SourceRow(in.line(), List.copyOf(cells));
				add(open, row, sink);
				if (open.size() > OPEN_RECORDS) {
					Iterator<Group> eldest = open.values().iterator();
					sink.record(eldest.next().toRecord());
					eldest.remove();
				}
				if (++dataRows >= maxDataRows) {
					break;
				}
			}
		}
		for (Group group : open.values()) {
			sink.record(group.toRecord());
		}
		return kinds;
	}

	private void add(Map<String, Group> open, PresetRecord.SourceRow row, RecordSink sink) throws IOException {
		List<String> cells = row.cells();
		EnumMap<CampaignField, String> values = new EnumMap<>(CampaignField.class);
		StringBuilder key = new StringBuilder();
		for (CampaignField field : TEXT_FIELDS) {
			String value = rules.value(field, cells);
			if (value == null || value.isBlank()) {
				sink.rejectRow(row, missing(field));
				return;
			}
			value = Text.normalize(value);
			value = categories.canonical(field, value).orElse(value);
			values.put(field, value);
			key.append(value.toLowerCase(java.util.Locale.ROOT)).append('\u0001');
		}
		LocalDate date = date(cells);
		if (date == null) {
			String raw = rules.value(CampaignField.DATE, cells);
			sink.rejectRow(row, "date: '" + (raw == null ? "" : raw.strip()) + "' is not a date this file writes ("
					+ dates.describe() + ")");
			return;
		}
		values.put(CampaignField.DATE, date.toString());
		key.append(date);
		BigDecimal[] numbers = new BigDecimal[COUNTS.length];
		for (int i = 0; i < COUNTS.length; i++) {
			String raw = rules.value(COUNTS[i], cells);
			try {
				numbers[i] = raw == null ? null : mark.parse(raw);
			}
			catch (NumberFormatException ex) {
				sink.rejectRow(row, COUNTS[i].key() + ": " + ex.getMessage());
				return;
			}
		}
		open.computeIfAbsent(key.toString(), k -> new Group(values)).add(numbers, row);
	}

	private String missing(CampaignField field) {
		return field.key() + ": no value in this row and no default (import with --default " + field.key()
				+ "=VALUE, or add a rule in " + rules.setting(field) + ")";
	}

	private LocalDate date(List<String> cells) {
		String raw = rules.value(CampaignField.DATE, cells);
		if (raw == null || raw.isBlank()) {
			return titleDate;
		}
		return dates.parse(raw);
	}

	/** The first pass: everything decided per file, and what stops the import. */
	private void survey() throws IOException {
		List<String> numbers = new ArrayList<>();
		List<String> dateCells = new ArrayList<>();
		List<String> preamble = new ArrayList<>();
		TreeSet<String> currencies = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		Map<CampaignField, Long> missing = new EnumMap<>(CampaignField.class);
		Map<CampaignField, String> examples = new EnumMap<>(CampaignField.class);
		long multiDay = 0;
		String multiDayExample = null;
		long dataRows = 0;
		try (ExportLines in = layout.open(file, null)) {
			int record = 0;
			for (List<String> cells = in.next(); cells != null; cells = in.next(), record++) {
				LineKind kind = layout.kindOf(record, cells);
				if (kind == LineKind.PREAMBLE) {
					preamble.add(String.join(", ", cells.stream().filter(c -> !c.isBlank()).toList()));
				}
				if (kind != LineKind.DATA) {
					continue;
				}
				if (dataRows++ < NUMBER_SAMPLE) {
					for (CampaignField field : COUNTS) {
						String raw = rules.value(field, cells);
						if (raw != null) {
							numbers.add(raw);
						}
					}
				}
				String date = rules.value(CampaignField.DATE, cells);
				if (date != null && dateCells.size() < 100_000) {
					dateCells.add(date);
				}
				String end = rules.dateEnd(cells);
				if (end != null && date != null && !end.strip().equals(date.strip())) {
					if (multiDay++ == 0) {
						multiDayExample = date.strip() + " to " + end.strip();
					}
				}
				for (CampaignField field : TEXT_FIELDS) {
					if (rules.value(field, cells) == null) {
						missing.merge(field, 1L, Long::sum);
						examples.putIfAbsent(field, rules.sourceCell(field, cells));
					}
				}
				String currency = rules.currency(cells);
				if (currency != null && currencies.size() < 10) {
					currencies.add(currency.strip());
				}
			}
		}
		mark = DecimalMark.decide(numbers);
		dates = DateFormat.decide(dateCells.isEmpty() ? preamble : dateCells, layout.settings().dateOrder());
		if (multiDay > 0) {
			stops.add(multiDay + " rows cover more than one day (e.g. " + multiDayExample
					+ "), and a record is one day: export the report broken down by day");
		}
		if (currencies.size() > 1) {
			stops.add("the file mixes currencies (" + String.join(", ", currencies)
					+ "): sums across them mean nothing; export one currency per file");
		}
		boolean dateColumn = rules.hasSource(CampaignField.DATE);
		if (!dateColumn) {
			for (String line : preamble) {
				LocalDate day = dates.singleDay(line);
				if (day != null) {
					titleDate = day;
					break;
				}
			}
			if (titleDate == null) {
				stops.add("the file has no date column and its title names no single day: import with --date=yyyy-MM-dd"
						+ " (on the upload page: the date field)");
			}
		}
		long rowsSeen = dataRows;
		for (CampaignField field : COUNTS) {
			if (field != CampaignField.REVENUE && !rules.hasSource(field)) {
				missing.put(field, rowsSeen); // an empty cell is none; no column is a
												// stop
				examples.put(field, "");
			}
		}
		List<String> lacking = new ArrayList<>();
		missing.forEach((field, count) -> lacking.add(field.key()));
		if (!lacking.isEmpty()) {
			StringBuilder stop = new StringBuilder("no value for ");
			missing.forEach((field, count) -> stop.append(field.key())
				.append(count == rowsSeen && examples.get(field).isEmpty() ? " (the file has no column for it)"
						: " (in " + count + " of " + rowsSeen + " rows, e.g. '" + examples.get(field) + "': no rule in "
								+ rules.setting(field) + " matches)")
				.append(", "));
			stop.setLength(stop.length() - 2);
			stop.append(": import with ")
				.append(String.join(" ", lacking.stream().map(f -> "--default " + f + "=VALUE").toList()))
				.append(" (on the upload page: the defaults)");
			stops.add(stop.toString());
		}
	}

	/** The rows of one record being summed. */
	private static final class Group {

		private final EnumMap<CampaignField, String> values;

		private final BigDecimal[] sums = new BigDecimal[COUNTS.length];

		private final List<PresetRecord.SourceRow> rows = new ArrayList<>(1);

		Group(EnumMap<CampaignField, String> values) {
			this.values = values;
		}

		void add(BigDecimal[] numbers, PresetRecord.SourceRow row) {
			for (int i = 0; i < sums.length; i++) {
				if (numbers[i] != null) {
					sums[i] = sums[i] == null ? numbers[i] : sums[i].add(numbers[i]);
				}
			}
			rows.add(row);
		}

		PresetRecord toRecord() {
			CampaignInput.Builder input = CampaignInput.builder();
			values.forEach(input::set);
			for (int i = 0; i < COUNTS.length; i++) {
				BigDecimal sum = sums[i];
				if (COUNTS[i] == CampaignField.CONVERSIONS && sum != null) {
					sum = sum.setScale(0, RoundingMode.HALF_UP); // once per record, after
																	// the sum
				}
				if (sum == null && COUNTS[i] != CampaignField.REVENUE) {
					sum = BigDecimal.ZERO; // "--": nothing happened
				}
				if (sum != null) {
					input.set(COUNTS[i], sum.stripTrailingZeros().toPlainString());
				}
			}
			return new PresetRecord(input.build(), List.copyOf(rows));
		}

	}

}
