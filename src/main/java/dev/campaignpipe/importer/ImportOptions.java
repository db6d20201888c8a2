package dev.campaignpipe.importer;

/**
 * How an import treats rows that break a rule, and ids that are taken.
 *
 * @param reassignIds store a row whose campaign_id is taken by different content under a
 * new id instead of rejecting it
 */
public record ImportOptions(OnInvalid onInvalid, boolean reassignIds) {

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

	public static ImportOptions defaults() {
		return new ImportOptions(OnInvalid.REJECT, false);
	}

}
