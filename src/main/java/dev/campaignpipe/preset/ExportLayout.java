package dev.campaignpipe.preset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where an export's data is: its encoding, its delimiter, the line its header is on, and
 * which preset's columns that header has — found by trying each delimiter on the first
 * lines until one of them is a header some preset recognizes.
 *
 * @param preset the recognized (or forced) preset's name
 * @param settings its settings; {@code null} for this product's own formats
 * @param headerRecord how many records come before the header (its preamble)
 * @param columns column key → index in a row
 */
public record ExportLayout(String preset, PresetSettings settings, TextEncoding encoding, char delimiter,
		boolean workbook, int headerRecord, List<String> header, Map<String, Integer> columns) {

	/** Lines looked at for a header. */
	static final int HEADER_SEARCH = 60;

	private static final char[] DELIMITERS = { '\t', ';', ',' };

	/** Whether the plain import (SPEC §9) reads this file. */
	/**
	 * What the file's {@code record}-th record (from 0) is: the lines before the header,
	 * the header, then data, blank, total or footer lines by their cells.
	 */
	LineKind kindOf(int record, List<String> cells) {
		if (record < headerRecord) {
			return LineKind.PREAMBLE;
		}
		return record == headerRecord ? LineKind.HEADER
				: LineKind.below(cells, header.size(), columns.getOrDefault("campaign", -1));
	}

	public boolean isOwnFormat() {
		return PresetCatalog.isOwnFormat(preset);
	}

	public String label() {
		return settings == null ? (PresetCatalog.ORIGINAL.equals(preset) ? "the original tool's CSV" : "campaigns.csv")
				: settings.label();
	}

	/** The file's lines, from the first. */
	ExportLines open(Path file, java.util.function.LongConsumer bytesRead) throws IOException {
		return workbook ? WorkbookLines.open(file) : CsvLines.open(file, encoding, delimiter, bytesRead);
	}

	/** The delimiter's name for people. */
	public String delimiterName() {
		return switch (delimiter) {
			case '\t' -> "tab";
			case ';' -> "semicolon";
			default -> "comma";
		};
	}

	/** The header cells no column of the preset reads. */
	public List<String> unmappedColumns() {
		List<String> unmapped = new ArrayList<>();
		for (int i = 0; i < header.size(); i++) {
			if (!columns.containsValue(i) && !header.get(i).isBlank()) {
				unmapped.add(header.get(i).strip());
			}
		}
		return unmapped;
	}

	/**
	 * Finds the header.
	 * @param preset {@code auto} or a name from the catalog
	 * @throws UnreadableExportException when no preset's header is found, naming the
	 * closest presets and the columns they miss
	 */
	public static ExportLayout find(Path file, PresetCatalog catalog, String preset, WorkbookLimits limits)
			throws IOException {
		String only = PresetCatalog.AUTO.equals(preset) || PresetCatalog.isOwnFormat(preset) ? null : preset;
		List<PresetCatalog.ColumnMatch> closest = new ArrayList<>();
		if (WorkbookLines.isWorkbook(file)) {
			WorkbookLines.check(file, limits);
			TextEncoding none = new TextEncoding(java.nio.charset.StandardCharsets.UTF_8, 0);
			ExportLayout layout = recognize(firstLines(() -> WorkbookLines.open(file)), catalog, preset, only, none,
					',', true, closest);
			if (layout != null) {
				return layout;
			}
			throw new UnreadableExportException(unrecognized(preset, closest));
		}
		TextEncoding encoding = TextEncoding.of(file);
		for (char delimiter : DELIMITERS) {
			ExportLayout layout = recognize(firstLines(() -> CsvLines.open(file, encoding, delimiter, null)), catalog,
					preset, only, encoding, delimiter, false, closest);
			if (layout != null) {
				return layout;
			}
		}
		throw new UnreadableExportException(unrecognized(preset, closest));
	}

	/** The first line that is a header some preset knows, or {@code null}. */
	private static ExportLayout recognize(List<List<String>> lines, PresetCatalog catalog, String preset, String only,
			TextEncoding encoding, char delimiter, boolean workbook, List<PresetCatalog.ColumnMatch> closest) {
		for (int i = 0; i < lines.size(); i++) {
			List<String> header = lines.get(i);
			String own = PresetCatalog.ownFormat(header);
			if (own != null && only == null && !workbook) {
				String name = PresetCatalog.isOwnFormat(preset) ? preset : own;
				return new ExportLayout(name, null, encoding, delimiter, false, i, header, Map.of());
			}
			if (PresetCatalog.isOwnFormat(preset) || header.size() < 2) {
				continue;
			}
			List<PresetCatalog.ColumnMatch> ranked = catalog.rank(header, only);
			if (!ranked.isEmpty() && ranked.get(0).usable()) {
				PresetCatalog.ColumnMatch best = ranked.get(0);
				return new ExportLayout(best.name(), best.settings(), encoding, delimiter, workbook, i, header,
						best.columns());
			}
			keepClosest(closest, ranked);
		}
		return null;
	}

	private static void keepClosest(List<PresetCatalog.ColumnMatch> closest, List<PresetCatalog.ColumnMatch> ranked) {
		for (PresetCatalog.ColumnMatch match : ranked) {
			closest.removeIf(c -> c.name().equals(match.name()) && c.columns().size() < match.columns().size());
			if (closest.stream().noneMatch(c -> c.name().equals(match.name())) && !match.columns().isEmpty()) {
				closest.add(match);
			}
		}
	}

	private static String unrecognized(String preset, List<PresetCatalog.ColumnMatch> closest) {
		if (PresetCatalog.isOwnFormat(preset)) {
			return "no header of " + preset + " (campaign_company, campaign_name, impressions …) in the first "
					+ HEADER_SEARCH + " lines";
		}
		String what = PresetCatalog.AUTO.equals(preset) ? "a known export (" + "--preset=auto" + ")"
				: "a " + preset + " export";
		if (closest.isEmpty()) {
			return "the header is not one of " + what + ": no line in the first " + HEADER_SEARCH
					+ " has the columns of any preset";
		}
		String near = closest.stream()
			.sorted((a, b) -> Integer.compare(b.columns().size(), a.columns().size()))
			.limit(3)
			.map(m -> m.name() + " (missing " + String.join(", ", m.missing()) + ")")
			.collect(Collectors.joining("; "));
		return "the header is not one of " + what + "; closest: " + near
				+ ". Name the preset with --preset, or add the file's column names to pipeline.presets.NAME.columns";
	}

	@FunctionalInterface
	private interface Opener {

		ExportLines open() throws IOException;

	}

	private static List<List<String>> firstLines(Opener opener) throws IOException {
		List<List<String>> lines = new ArrayList<>();
		try (ExportLines in = opener.open()) {
			for (List<String> cells = in.next(); cells != null && lines.size() < HEADER_SEARCH; cells = in.next()) {
				lines.add(cells);
			}
		}
		catch (UnreadableExportException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// a wrong delimiter can split the text into nonsense the parser trips on
		}
		return lines;
	}

}
