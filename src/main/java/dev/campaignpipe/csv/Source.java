package dev.campaignpipe.csv;

/**
 * Where a record came from, for its trail (SPEC §13): the entry form, the JSON API, or a
 * line of an imported file.
 *
 * @param file the imported file's name; {@code null} for the form and the API
 * @param line the line of the file the record starts on; {@code null} likewise
 */
public record Source(Kind kind, String file, Long line) {

	public enum Kind {

		FORM, API, IMPORT

	}

	public static final Source FORM = new Source(Kind.FORM, null, null);

	public static final Source API = new Source(Kind.API, null, null);

	public static Source imported(String file, long line) {
		return new Source(Kind.IMPORT, file, line);
	}

}
