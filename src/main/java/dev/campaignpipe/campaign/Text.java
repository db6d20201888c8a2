package dev.campaignpipe.campaign;

import java.util.regex.Pattern;

/** Text clean-up shared by every entry path (SPEC §3: trim, collapse inner whitespace). */
public final class Text {

	// Unicode spaces too: a non-breaking space pasted from a web page is still a space to a person.
	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

	private Text() {
	}

	/** Trims and collapses every run of whitespace (tabs, line breaks, no-break spaces) to one space. */
	public static String normalize(String value) {
		if (value == null) {
			return null;
		}
		return WHITESPACE.matcher(value).replaceAll(" ").strip();
	}

}
