package dev.campaignpipe.entry;

import java.util.List;
import java.util.Map;

import dev.campaignpipe.status.Whereabouts;
import dev.campaignpipe.trail.TrailStep;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code GET /api/campaigns/{id}}: the record (its CSV columns, see
 * {@link ApiViews}), where it is in the pipeline, and its trail (SPEC §13).
 */
record CampaignView(Map<String, Object> record, Pipeline pipeline, List<TrailStep> trail) {

	static CampaignView of(Whereabouts where, List<TrailStep> trail) {
		// an id exists only once its record is durable, so it is never merely queued
		return new CampaignView(ApiViews.record(where.stored()),
				new Pipeline(false, where.inCsv(), where.inSpool(), where.inDatabase().asJson()), trail);
	}

	/**
	 * @param inDatabase {@code null} while the database cannot be asked
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Pipeline(boolean queued, boolean inCsv, boolean inSpool, Boolean inDatabase) {
	}

}
