package dev.campaignpipe.importer;

/** How an import treats rows that break a rule, and ids that are taken. */
public record ImportOptions(OnInvalid onInvalid, TakenId takenId) {

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

	public static ImportOptions defaults() {
		return new ImportOptions(OnInvalid.REJECT, TakenId.REJECT);
	}

}
