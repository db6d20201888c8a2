package dev.campaignpipe.importer;

/**
 * How an import treats rows that break a rule, and ids that are taken.
 *
 * @param reassignIds store a row whose campaign_id is taken by different content under a new id
 *     instead of rejecting it
 */
public record ImportOptions(OnInvalid onInvalid, boolean reassignIds) {

	/** What happens to a row that fails validation. */
	public enum OnInvalid {

		/** Written with its reason to the rejects CSV beside the input; not stored. */
		REJECT,
		/** Stored with its reasons in the data_quality column, when it can be read at all. */
		KEEP_FLAGGED

	}

	public static ImportOptions defaults() {
		return new ImportOptions(OnInvalid.REJECT, false);
	}

}
