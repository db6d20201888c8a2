package dev.campaignpipe.analytics;

import java.util.Map;
import java.util.Set;

import dev.campaignpipe.common.WholeNumberParameter;

/**
 * What the records explorer asks for (SPEC §13): the dashboard's filters, free text in
 * company and campaign name, the column to sort by and its direction, and a page. Parsed
 * strictly: an unknown parameter or a bad value is an error naming it.
 *
 * @param text lower or upper case alike; {@code null} for none
 * @param sort a §5 column
 * @param page from 0
 * @param size records per page, at most {@link #MAX_SIZE}
 */
record RecordQuery(Filters filters, String text, String sort, boolean descending, int page, int size) {

	static final int MAX_SIZE = 500;

	static final int DEFAULT_SIZE = 50;

	/** The deepest page a request may ask for: far beyond any real browsing. */
	static final int MAX_PAGE = 10_000_000;

	/** The parameters besides the filters. */
	static final Set<String> OWN = Set.of("q", "page", "size", "sort", "dir");

	/** Newest first: what an explorer opens with. */
	static final String DEFAULT_SORT = "campaign_id";

	/**
	 * @param errors gets one message per bad parameter
	 */
	static RecordQuery parse(Map<String, String[]> parameters, Map<String, String> errors) {
		Filters filters = Filters.parse(parameters, OWN, errors);
		String text = single(parameters, "q", errors);
		if (text != null) {
			text = text.strip();
			if (text.isEmpty()) {
				text = null;
			}
			else if (text.length() > 200) {
				errors.put("q", "q must be at most 200 characters");
			}
		}
		String sort = single(parameters, "sort", errors);
		if (sort == null) {
			sort = DEFAULT_SORT;
		}
		else if (!RecordQueries.SORT_KEYS.containsKey(sort)) {
			errors.put("sort", "sort must name a column of the records, e.g. date or ad_spend (got '" + sort + "')");
		}
		String dir = single(parameters, "dir", errors);
		boolean descending = sort.equals(DEFAULT_SORT) && parameters.get("sort") == null;
		if (dir != null) {
			if (dir.equals("asc") || dir.equals("desc")) {
				descending = dir.equals("desc");
			}
			else {
				errors.put("dir", "dir must be asc or desc (got '" + dir + "')");
			}
		}
		int page = WholeNumberParameter.read(single(parameters, "page", errors), "page", 0, 0, MAX_PAGE, errors);
		int size = WholeNumberParameter.read(single(parameters, "size", errors), "size", DEFAULT_SIZE, 1, MAX_SIZE,
				errors);
		return new RecordQuery(filters, text, sort, descending, page, size);
	}

	private static String single(Map<String, String[]> parameters, String name, Map<String, String> errors) {
		String[] given = parameters.get(name);
		if (given == null) {
			return null;
		}
		if (given.length != 1) {
			errors.put(name, name + " may be given once");
			return null;
		}
		return given[0];
	}

}
