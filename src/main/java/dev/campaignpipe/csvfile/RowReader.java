package dev.campaignpipe.csvfile;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.campaignpipe.campaign.CampaignField;
import dev.campaignpipe.campaign.CampaignInput;

/**
 * Maps CSV lines to raw campaign inputs by header name, so a file whose columns were
 * reordered or whose header carries stray spaces (the original tool's
 * {@code " campaign_id"}) still reads. Metric columns are ignored: KPIs are always
 * recomputed from the inputs.
 */
public final class RowReader {

	/**
	 * A line read into fields: its id text, the raw inputs, and any data-quality flag it
	 * carries.
	 */
	public record Fields(String campaignId, CampaignInput input, String dataQuality) {
	}

	private static final CampaignField[] FIELDS = CampaignField.values();

	/**
	 * Position of each input field in a line, by field ordinal; -1 when the header lacks
	 * it.
	 */
	private final int[] positions = new int[FIELDS.length];

	private final int idPosition;

	private final int qualityPosition;

	private RowReader(Map<String, Integer> columns) {
		for (CampaignField field : FIELDS) {
			positions[field.ordinal()] = columns.getOrDefault(field.key(), -1);
		}
		this.idPosition = columns.getOrDefault("campaign_id", -1);
		this.qualityPosition = columns.getOrDefault("data_quality", -1);
	}

	/**
	 * @throws IllegalArgumentException naming the missing columns when the header lacks
	 * an input field
	 */
	public static RowReader fromHeader(String headerLine) {
		String line = headerLine.startsWith(CsvFormat.BOM) ? headerLine.substring(1) : headerLine;
		return fromHeaderFields(parse(line));
	}

	/** From an already parsed header record. */
	public static RowReader fromHeaderFields(List<String> names) {
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			columns.putIfAbsent(names.get(i).strip().toLowerCase(Locale.ROOT), i);
		}
		List<String> missing = java.util.Arrays.stream(CampaignField.values())
			.filter(f -> f != CampaignField.REVENUE && !columns.containsKey(f.key()))
			.map(CampaignField::key)
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("the header lacks the column(s) " + String.join(", ", missing));
		}
		return new RowReader(columns);
	}

	public Fields read(String line) {
		return read(parse(line));
	}

	/** From an already parsed record. */
	public Fields read(List<String> fields) {
		CampaignInput.Builder input = CampaignInput.builder();
		for (CampaignField field : FIELDS) {
			String value = value(fields, positions[field.ordinal()]);
			input.set(field, value == null ? null : CsvFormat.unguard(value));
		}
		String quality = value(fields, qualityPosition);
		return new Fields(value(fields, idPosition), input.build(), quality == null ? "" : quality.strip());
	}

	private static String value(List<String> fields, int index) {
		return index < 0 || index >= fields.size() ? null : fields.get(index);
	}

	private static List<String> parse(String line) {
		if (line.indexOf('"') < 0) {
			return splitPlain(line); // most lines: the writer quotes only values that
										// need it
		}
		// strict RFC 4180: a stray character after a closing quote ("a"b) is not guessed
		// at; the
		// line is quarantined with the parser's reason for the analyst to correct
		CsvRecord record = CsvReader.builder().ofSingleCsvRecord(line);
		return record.getFields();
	}

	/**
	 * A line without quotes is its fields separated by commas (RFC 4180), nothing more.
	 */
	private static List<String> splitPlain(String line) {
		List<String> fields = new java.util.ArrayList<>(36);
		int start = 0;
		for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', start)) {
			fields.add(line.substring(start, i));
			start = i + 1;
		}
		fields.add(line.substring(start));
		return fields;
	}

}
