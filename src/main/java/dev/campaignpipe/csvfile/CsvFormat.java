package dev.campaignpipe.csvfile;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.StoredCampaign;

/**
 * The byte format of campaigns.csv (SPEC §5): UTF-8 with a byte-order mark, CRLF, RFC
 * 4180 quoting, plain decimals with {@code .}, ISO dates, and text that a spreadsheet
 * would run as a formula neutralized with a leading apostrophe.
 */
public final class CsvFormat {

	/** UTF-8 byte-order mark: without it Excel reads the file as the local code page. */
	public static final String BOM = "\uFEFF";

	private static final String FORMULA_TRIGGERS = "=+-@\t\r";

	private CsvFormat() {
	}

	/** BOM and header line, written once when the file is created. */
	public static byte[] header() {
		return (BOM + render(List.of(CampaignColumns.ALL))).getBytes(StandardCharsets.UTF_8);
	}

	/** The CSV lines of {@code records}, each ending in CRLF. */
	public static byte[] lines(Collection<StoredCampaign> records) {
		return render(records.stream().map(CsvFormat::fields).toList()).getBytes(StandardCharsets.UTF_8);
	}

	static List<String> fields(StoredCampaign record) {
		Object[] values = CampaignColumns.valueArray(record);
		String[] fields = new String[values.length];
		for (int i = 0; i < values.length; i++) {
			fields[i] = format(values[i]);
		}
		return java.util.Arrays.asList(fields);
	}

	private static String render(List<? extends Iterable<String>> rows) {
		StringWriter out = new StringWriter(rows.size() * 320);
		try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
			rows.forEach(writer::writeRecord);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // a StringWriter does not fail
		}
		return out.toString();
	}

	/**
	 * One value as the CSV writes it: plain decimals, ISO dates, guarded text, empty for
	 * null.
	 */
	public static String format(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof String text) {
			return guard(text);
		}
		return value.toString();
	}

	/**
	 * Prefixes text that starts like a formula with {@code '} so a spreadsheet shows it
	 * as text.
	 */
	public static String guard(String text) {
		if (!text.isEmpty() && FORMULA_TRIGGERS.indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}

	/** Reverses {@link #guard(String)} for values read back from the file. */
	public static String unguard(String text) {
		if (text.length() > 1 && text.charAt(0) == '\'' && FORMULA_TRIGGERS.indexOf(text.charAt(1)) >= 0) {
			return text.substring(1);
		}
		return text;
	}

}
