package dev.campaignpipe.preset;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;

/**
 * How one preset finds each of our fields in one file: its rules with their columns
 * resolved against the file's header, then the defaults given at import time.
 */
final class FieldRules {

	/** The pseudo-field of the currency column: checked, not stored. */
	static final String CURRENCY = "currency";

	/**
	 * The pseudo-field of the last day a row covers (Meta's "Reporting ends"): a record
	 * is one day, so a row over several days cannot be one.
	 */
	static final String DATE_END = "date-end";

	private final String preset;

	private final Map<CampaignField, List<PresetSettings.Rule>> rules = new EnumMap<>(CampaignField.class);

	private final List<PresetSettings.Rule> currency;

	private final List<PresetSettings.Rule> dateEnd;

	private final Map<String, Integer> columns;

	private final Map<CampaignField, String> defaults;

	/**
	 * Each rule's value lists in lower case, made once when the file is opened (rules run
	 * for every cell) and only read afterwards.
	 */
	private final Map<PresetSettings.Rule, Lookup> lookups = new IdentityHashMap<>();

	/**
	 * A rule's {@code map} (whole value, first key wins among keys equal but for case)
	 * and {@code contains} (in the order given), keys stripped and in lower case.
	 */
	private record Lookup(Map<String, String> exact, List<Map.Entry<String, String>> contained) {

		static Lookup of(PresetSettings.Rule rule) {
			Map<String, String> exact = new HashMap<>();
			rule.map().forEach((key, value) -> exact.putIfAbsent(key.strip().toLowerCase(Locale.ROOT), value));
			List<Map.Entry<String, String>> contained = rule.contains()
				.entrySet()
				.stream()
				.map(e -> Map.entry(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue()))
				.toList();
			return new Lookup(exact, contained);
		}

	}

	FieldRules(ExportLayout layout, Map<CampaignField, String> defaults) {
		this.preset = layout.preset();
		this.columns = layout.columns();
		this.defaults = defaults;
		List<PresetSettings.Rule> currencyRules = List.of();
		List<PresetSettings.Rule> dateEndRules = List.of();
		for (Map.Entry<String, List<PresetSettings.Rule>> entry : layout.settings().fields().entrySet()) {
			String key = entry.getKey().toLowerCase(Locale.ROOT).replace('-', '_');
			if (key.equals(CURRENCY)) {
				currencyRules = entry.getValue();
				continue;
			}
			if (key.equals(DATE_END.replace('-', '_'))) {
				dateEndRules = entry.getValue();
				continue;
			}
			CampaignField field = CampaignField.byKey(key)
				.orElseThrow(() -> new IllegalStateException("pipeline.presets." + preset + ".fields." + entry.getKey()
						+ " is not a field of a campaign record"));
			rules.put(field, entry.getValue());
		}
		this.currency = currencyRules;
		this.dateEnd = dateEndRules;
		for (List<PresetSettings.Rule> list : List.of(currency, dateEnd)) {
			list.forEach(rule -> lookups.put(rule, Lookup.of(rule)));
		}
		rules.values().forEach(list -> list.forEach(rule -> lookups.put(rule, Lookup.of(rule))));
	}

	/** The value of {@code field} in a row, {@code null} when nothing gives one. */
	String value(CampaignField field, List<String> cells) {
		String value = byRules(rules.getOrDefault(field, List.of()), cells);
		return value != null ? value : defaults.get(field);
	}

	/**
	 * The last day the row covers as written, {@code null} when the file does not say.
	 */
	String dateEnd(List<String> cells) {
		return byRules(dateEnd, cells);
	}

	/** The row's currency, {@code null} when the file has no currency column. */
	String currency(List<String> cells) {
		return byRules(currency, cells);
	}

	/**
	 * Whether a rule reads {@code field} from a column of this file, or a constant or a
	 * default gives it.
	 */
	boolean hasSource(CampaignField field) {
		if (defaults.containsKey(field)) {
			return true;
		}
		for (PresetSettings.Rule rule : rules.getOrDefault(field, List.of())) {
			if (rule.value() != null || (rule.from() != null && columns.containsKey(rule.from()))) {
				return true;
			}
		}
		return false;
	}

	/** The cell the first rule of {@code field} reads, for messages ("" when none). */
	String sourceCell(CampaignField field, List<String> cells) {
		for (PresetSettings.Rule rule : rules.getOrDefault(field, List.of())) {
			Integer index = rule.from() == null ? null : columns.get(rule.from());
			if (index != null && index < cells.size()) {
				return cells.get(index).strip();
			}
		}
		return "";
	}

	/** Where {@code field}'s values come from in this file, for the preview. */
	String source(CampaignField field, List<String> header) {
		List<String> parts = new ArrayList<>();
		for (PresetSettings.Rule rule : rules.getOrDefault(field, List.of())) {
			if (rule.from() != null && columns.containsKey(rule.from())) {
				String column = "column '" + header.get(columns.get(rule.from())).strip() + "'";
				parts.add(rule.map().isEmpty() && rule.contains().isEmpty() ? column : column + " through rules");
			}
			else if (rule.from() == null && rule.value() != null) {
				parts.add("'" + rule.value() + "'");
			}
		}
		if (defaults.containsKey(field)) {
			parts.add("default '" + defaults.get(field) + "'");
		}
		return parts.isEmpty() ? "" : String.join(", else ", parts);
	}

	/** The setting to change when a value of {@code field} is not ours. */
	String setting(CampaignField field) {
		return "pipeline.presets." + preset + ".fields." + field.key().replace('_', '-');
	}

	private String byRules(List<PresetSettings.Rule> list, List<String> cells) {
		for (PresetSettings.Rule rule : list) {
			String value = apply(rule, cells);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private String apply(PresetSettings.Rule rule, List<String> cells) {
		if (rule.from() == null) {
			return rule.value();
		}
		Integer index = columns.get(rule.from());
		String cell = index == null || index >= cells.size() ? "" : cells.get(index).strip();
		if (cell.isEmpty()) {
			return rule.value();
		}
		Lookup lookup = lookups.get(rule);
		String lower = cell.toLowerCase(Locale.ROOT);
		String mapped = lookup.exact().get(lower);
		if (mapped != null) {
			return mapped;
		}
		for (Map.Entry<String, String> entry : lookup.contained()) {
			if (lower.contains(entry.getKey())) {
				return entry.getValue();
			}
		}
		return rule.keepsCell() ? cell : rule.value();
	}

}
