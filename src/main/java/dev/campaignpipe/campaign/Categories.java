package dev.campaignpipe.campaign;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The closed category sets with their aliases, from configuration. Resolves any spelling
 * a person or a spreadsheet produces — odd case, stray spaces, a known misspelling — to
 * the canonical value.
 */
public class Categories {

	private final Map<CampaignField, List<String>> values = new EnumMap<>(CampaignField.class);

	private final Map<CampaignField, Map<String, String>> lookup = new EnumMap<>(CampaignField.class);

	/**
	 * Canonical values by themselves: most input is already canonical, and this needs no
	 * key.
	 */
	private final Map<CampaignField, java.util.Set<String>> exact = new EnumMap<>(CampaignField.class);

	public Categories(CategorySettings c) {
		register(CampaignField.CAMPAIGN_TYPE, c.campaignType());
		register(CampaignField.MARKETING_CHANNEL, c.marketingChannel());
		register(CampaignField.AD_FORMAT, c.adFormat());
		register(CampaignField.DEVICE_TYPE, c.deviceType());
		register(CampaignField.COUNTRY, c.country());
		register(CampaignField.AUDIENCE_SEGMENT, c.audienceSegment());
	}

	private void register(CampaignField field, CategorySettings.Category category) {
		if (category.values().isEmpty()) {
			throw new IllegalStateException("pipeline.categories: no values configured for " + field.key());
		}
		List<String> canonical = category.values().stream().map(Text::normalize).toList();
		Map<String, String> keys = new HashMap<>();
		canonical.forEach(value -> keys.put(key(value), value));
		category.aliases().forEach((alias, target) -> {
			String resolved = keys.get(key(target));
			if (resolved == null) {
				throw new IllegalStateException("pipeline.categories." + field.key() + ".aliases: '" + alias
						+ "' points to '" + target + "', which is not one of " + canonical);
			}
			keys.putIfAbsent(key(alias), resolved);
		});
		values.put(field, canonical);
		lookup.put(field, keys);
		exact.put(field, java.util.Set.copyOf(canonical));
	}

	/** The canonical values in display order. */
	public List<String> values(CampaignField field) {
		return values.getOrDefault(field, List.of());
	}

	/**
	 * The canonical spelling of {@code raw}, or empty when it is neither a value nor an
	 * alias.
	 */
	public Optional<String> canonical(CampaignField field, String raw) {
		Map<String, String> keys = lookup.get(field);
		if (keys == null || raw == null) {
			return Optional.empty();
		}
		if (exact.get(field).contains(raw)) {
			return Optional.of(raw);
		}
		return Optional.ofNullable(keys.get(key(raw)));
	}

	/**
	 * Matching key: lower case, letters and digits only. Spring drops spaces and
	 * punctuation from unbracketed map keys in configuration, so matching the same way
	 * keeps aliases working however they were written; no two default values differ only
	 * in spaces or case.
	 */
	private static String key(String value) {
		StringBuilder key = new StringBuilder(value.length());
		value.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
		return key.toString();
	}

}
