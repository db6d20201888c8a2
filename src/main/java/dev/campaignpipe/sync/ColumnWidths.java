package dev.campaignpipe.sync;

import java.util.List;
import java.util.function.Function;

import dev.campaignpipe.campaign.Campaign;

/**
 * The widths of the mirror table's text columns, as V1__campaign_table.sql declares them:
 * a record whose text is longer (only a row kept flagged can be) would be refused by the
 * server, so the sync quarantines it instead.
 */
final class ColumnWidths {

	private record TextColumn(String name, int width, Function<Campaign, String> value) {
	}

	private static final List<TextColumn> TEXT_COLUMNS = List.of(
			new TextColumn("campaign_company", 400, Campaign::company),
			new TextColumn("campaign_name", 400, Campaign::name), new TextColumn("campaign_type", 100, Campaign::type),
			new TextColumn("marketing_channel", 100, Campaign::channel),
			new TextColumn("ad_format", 100, Campaign::adFormat),
			new TextColumn("device_type", 100, Campaign::deviceType), new TextColumn("country", 100, Campaign::country),
			new TextColumn("audience_segment", 100, Campaign::audienceSegment),
			new TextColumn("data_quality", 2000, Campaign::dataQuality));

	private ColumnWidths() {
	}

	/**
	 * Why the record does not fit the table's text columns, or {@code null} when it does.
	 */
	static String overflow(Campaign c) {
		for (TextColumn column : TEXT_COLUMNS) {
			String value = column.value().apply(c);
			// length() counts UTF-16 units, never fewer than characters: count only when
			// it might not fit
			int length = value.length() <= column.width() ? 0 : value.codePointCount(0, value.length());
			if (length > column.width()) {
				return column.name() + " is " + length + " characters long; the database column holds at most "
						+ column.width();
			}
		}
		return null;
	}

}
