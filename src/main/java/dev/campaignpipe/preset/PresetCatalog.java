package dev.campaignpipe.preset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The presets an import can use (SPEC §14): the configured ad platforms, and this
 * product's own formats, which the plain import reads.
 */
public final class PresetCatalog {

	/** Recognize the file from its header. */
	public static final String AUTO = "auto";

	/** The original tool's CSV. */
	public static final String ORIGINAL = "original";

	/** This product's campaigns.csv. */
	public static final String CAMPAIGNS_CSV = "campaigns-csv";

	private final Map<String, PresetSettings> platforms;

	public PresetCatalog(Map<String, PresetSettings> platforms) {
		this.platforms = new TreeMap<>(platforms);
	}

	/** Every name {@code --preset} takes, {@code auto} first. */
	public List<String> names() {
		List<String> names = new ArrayList<>();
		names.add(AUTO);
		names.addAll(platforms.keySet());
		names.add(ORIGINAL);
		names.add(CAMPAIGNS_CSV);
		return names;
	}

	/** Whether {@code name} is one {@code --preset} takes. */
	public boolean knows(String name) {
		return names().contains(name);
	}

	/**
	 * Whether {@code name} is one of this product's own formats, not an ad platform's.
	 */
	public static boolean isOwnFormat(String name) {
		return ORIGINAL.equals(name) || CAMPAIGNS_CSV.equals(name);
	}

	/**
	 * Which of this product's own formats a header is, or {@code null}: the original
	 * tool's columns (names may carry spaces), with this product's extra columns for
	 * campaigns.csv.
	 */
	static String ownFormat(List<String> header) {
		Set<String> names = new java.util.HashSet<>();
		header.forEach(cell -> names.add(cell.strip().toLowerCase(Locale.ROOT)));
		if (!names.contains("campaign_company") || !names.contains("campaign_name") || !names.contains("impressions")) {
			return null;
		}
		return names.contains("data_quality") || names.contains("revenue") ? CAMPAIGNS_CSV : ORIGINAL;
	}

	/**
	 * How well each platform's columns match a header, best first; a match is usable when
	 * it lacks none of the platform's {@code recognize} columns.
	 */
	List<ColumnMatch> rank(List<String> header, String only) {
		List<ColumnMatch> matches = new ArrayList<>();
		platforms.forEach((name, settings) -> {
			if (only == null || only.equals(name)) {
				matches.add(ColumnMatch.of(name, settings, header));
			}
		});
		matches.sort(Comparator.comparing(ColumnMatch::usable)
			.thenComparingDouble(ColumnMatch::score)
			.thenComparing(m -> -m.missing().size())
			.reversed());
		return matches;
	}

	/**
	 * A platform's columns found in one header.
	 *
	 * @param columns column key → cell index, for the keys the header has
	 * @param missing the {@code recognize} columns it lacks, by their first name
	 * @param score the share of the header's cells this platform knows
	 */
	record ColumnMatch(String name, PresetSettings settings, Map<String, Integer> columns, List<String> missing,
			double score) {

		boolean usable() {
			return missing.isEmpty();
		}

		static ColumnMatch of(String name, PresetSettings settings, List<String> header) {
			Map<String, Integer> columns = new LinkedHashMap<>();
			settings.columns().forEach((key, names) -> {
				int index = indexOf(header, names);
				if (index >= 0) {
					columns.put(key, index);
				}
			});
			List<String> missing = new ArrayList<>();
			for (String key : settings.recognize()) {
				if (!columns.containsKey(key)) {
					List<String> names = settings.columns().get(key);
					missing.add(names == null || names.isEmpty() ? key : names.get(0));
				}
			}
			long known = header.stream().filter(cell -> !cell.isBlank()).count();
			double score = known == 0 ? 0 : columns.size() / (double) known;
			return new ColumnMatch(name, settings, columns, missing, score);
		}

		/** The first of {@code names} in the header (names in order of preference). */
		private static int indexOf(List<String> header, List<String> names) {
			for (String name : names) {
				for (int i = 0; i < header.size(); i++) {
					if (matches(name, header.get(i))) {
						return i;
					}
				}
			}
			return -1;
		}

		static boolean matches(String name, String cell) {
			String have = cell.strip().toLowerCase(Locale.ROOT);
			String want = name.strip().toLowerCase(Locale.ROOT);
			if (want.endsWith("(*)")) {
				String stem = want.substring(0, want.length() - 3);
				return have.startsWith(stem + "(") && have.endsWith(")") || have.equals(stem.strip());
			}
			return have.equals(want);
		}

	}

}
