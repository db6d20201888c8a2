package dev.campaignpipe.preset;

import java.util.List;

import dev.campaignpipe.campaign.CampaignInput;

/**
 * One record made of an export's rows: the rows that share all of a record's fields (a
 * breakdown by age or gender, which records do not have, is summed away), as input for
 * the same validation as the form.
 *
 * @param input our fields, metrics summed and conversions rounded once
 * @param rows the file's rows it was made of, for the rejects file
 */
public record PresetRecord(CampaignInput input, List<SourceRow> rows) {

	/** One data row of the file as it was written. */
	public record SourceRow(long line, List<String> cells) {
	}

}
