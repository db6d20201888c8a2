package dev.campaignpipe.campaign;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of checking one {@link CampaignInput}.
 *
 * @param campaign the record; {@code null} when a field could not even be read as its
 * type. When {@code errors} is not empty but a campaign is present, it breaks a rule yet
 * could be kept with a data-quality flag ({@link #flagged()}).
 * @param errors one message per failing field, naming the field and the rule; empty when
 * valid
 */
public record Validation(Campaign campaign, Map<CampaignField, String> errors) {

	public Validation {
		errors = Map.copyOf(errors);
	}

	public boolean isValid() {
		return errors.isEmpty();
	}

	/** The errors as the API reports them: field key → message, in field order. */
	public Map<String, String> errorsByKey() {
		return errors.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.collect(Collectors.toMap(e -> e.getKey().key(), Map.Entry::getValue, (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

	/** All messages joined, for a rejects file or a data-quality flag. */
	public String summary() {
		return String.join("; ", errorsByKey().values());
	}

	/**
	 * The record with its data-quality flag set, or {@code null} if it cannot be stored
	 * at all.
	 */
	public Campaign flagged() {
		if (campaign == null) {
			return null;
		}
		return campaign.withDataQuality(summary());
	}

}
