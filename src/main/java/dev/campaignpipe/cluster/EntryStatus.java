package dev.campaignpipe.cluster;

import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Whether the cluster's log takes an entry node's submissions (SPEC §15).
 *
 * @param failingSince since when it has refused them (answered 503); {@code null} while
 * it takes them
 * @param lastError why, or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EntryStatus(String topic, Instant failingSince, String lastError) {

	public boolean reachable() {
		return failingSince == null;
	}

}
