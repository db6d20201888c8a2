package dev.campaignpipe.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The record's fields a dashboard filters and groups by: the query parameter, which is
 * also the replica's column (SPEC §12).
 */
enum Dimension {

	CAMPAIGN_COMPANY, CAMPAIGN_NAME, CAMPAIGN_TYPE, MARKETING_CHANNEL, AD_FORMAT, DEVICE_TYPE, COUNTRY,
	AUDIENCE_SEGMENT,
	/** {@code flagged} (kept despite a rule, SPEC §9) or {@code clean}. */
	DATA_QUALITY;

	static final String FLAGGED = "flagged";

	static final String CLEAN = "clean";

	/** The query parameter and column name. */
	String parameter() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the replica stores the field as a {@link ReplicaDictionary} code: every
	 * field but data quality, which is grouped into flagged and clean.
	 */
	boolean coded() {
		return this != DATA_QUALITY;
	}

	/**
	 * What a row is grouped by: the column (a code), or flagged/clean for data quality.
	 */
	String groupExpression() {
		return this == DATA_QUALITY ? "CASE WHEN data_quality = '' THEN '" + CLEAN + "' ELSE '" + FLAGGED + "' END"
				: parameter();
	}

	static Optional<Dimension> of(String parameter) {
		return Arrays.stream(values()).filter(d -> d.parameter().equals(parameter)).findFirst();
	}

}
