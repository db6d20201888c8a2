package dev.campaignpipe.campaign;

import java.util.regex.Pattern;

/**
 * Text clean-up shared by every entry path (SPEC §3: trim, collapse inner whitespace).
 */
public final class Text {

	// Unicode spaces too: a non-breaking space pasted from a web page is still a space to
	// a person.
	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

	private Text() {
	}

	/**
	 * Trims and collapses every run of whitespace (tabs, line breaks, no-break spaces) to
	 * one space.
	 */
	public static String normalize(String value) {
		if (value == null) {
			return null;
		}
		if (isNormal(value)) {
			return value; // the common case, checked without a regex: this runs for every
							// field of every row
		}
		return WHITESPACE.matcher(value).replaceAll(" ").strip();
	}

	private static boolean isNormal(String value) {
		int length = value.length();
		if (length == 0) {
			return true;
		}
		if (value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c == ' ' ? value.charAt(i - 1) == ' ' : (c < 0x21 || c > 0x7e) && isSpace(c)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

}
