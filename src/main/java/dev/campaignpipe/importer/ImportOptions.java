package dev.campaignpipe.importer;

import java.util.Map;

import dev.campaignpipe.campaign.CampaignField;

/**
 * How an import treats rows that break a rule and ids that are taken, and how it reads an
 * ad platform's export (SPEC §14).
 *
 * @param preset {@code auto} (recognize the file from its header) or a preset's name
 * @param defaults values for fields the file lacks ({@code --default FIELD=VALUE};
 * {@code --date} is the default of {@code date})
 */
public record ImportOptions(OnInvalid onInvalid, TakenId takenId, String preset, Map<CampaignField, String> defaults) {

	public ImportOptions

	{
		preset = preset == null || preset.isBlank() ? "auto" : preset;
		defaults = Map.copyOf(defaults);
	}

	public ImportOptions(OnInvalid onInvalid, TakenId takenId) {
		this(onInvalid, takenId, "auto", Map.of());
	}

	/**
	 * These options reading an export with {@code preset} and the defaults as given
	 * ({@code campaign_company=Acme}: field names with {@code _} or {@code -}; blank
	 * values are none).
	 * @throws IllegalArgumentException naming a field that is not one of a record
	 */
	public ImportOptions reading(String preset, Map<String, String> given) {
		Map<CampaignField, String> fields = new java.util.EnumMap<>(CampaignField.class);
		given.forEach((name, value) -> {
			String key = name.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
			CampaignField field = CampaignField.byKey(key)
				.orElseThrow(() -> new IllegalArgumentException("--default " + name
						+ ": not a field of a record (one of "
						+ String.join(", ",
								java.util.Arrays.stream(CampaignField.values()).map(CampaignField::key).toList())
						+ ")"));
			if (value != null && !value.isBlank()) {
				fields.put(field, value.strip());
			}
		});
		return new ImportOptions(onInvalid, takenId, preset, fields);
	}

	/** The defaults by field name, as the hand-over API and the forms carry them. */
	public Map<String, String> defaultsByName() {
		Map<String, String> named = new java.util.LinkedHashMap<>();
		defaults.forEach((field, value) -> named.put(field.key(), value));
		return named;
	}

	/** What happens to a row whose campaign_id is already taken by different content. */
	public enum TakenId {

		/** Written to the rejects CSV with its reason (the default). */
		REJECT,
		/** Stored under a new id ({@code --reassign-ids}). */
		REASSIGN;

		public static TakenId reassignIf(boolean reassign) {
			return reassign ? REASSIGN : REJECT;
		}

	}

	/** What happens to a row that fails validation. */
	public enum OnInvalid {

		/** Written with its reason to the rejects CSV beside the input; not stored. */
		REJECT,
		/**
		 * Stored with its reasons in the data_quality column, when it can be read at all.
		 */
		KEEP_FLAGGED;

		/** The spelling on the command line, the upload form and the hand-over API. */
		public String setting() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

		/** {@code reject} or {@code keep-flagged}; empty for anything else. */
		public static java.util.Optional<OnInvalid> fromSetting(String text) {
			return java.util.Arrays.stream(values()).filter(v -> v.setting().equals(text)).findFirst();
		}

	}

	public static ImportOptions standard() {
		return new ImportOptions(OnInvalid.REJECT, TakenId.REJECT);
	}

}
