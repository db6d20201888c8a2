package dev.campaignpipe.entry;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.StoredCampaign;

/**
 * JSON shape of a stored record: its CSV columns, numbers as JSON numbers, undefined KPIs
 * null.
 */
public final class ApiViews {

	private ApiViews() {
	}

	public static Map<String, Object> record(StoredCampaign stored) {
		Map<String, Object> json = new LinkedHashMap<>();
		CampaignColumns.values(stored)
			.forEach((column, value) -> json.put(column, value instanceof LocalDate date ? date.toString() : value));
		return json;
	}

}
