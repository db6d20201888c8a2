package dev.campaignpipe.support;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs code under another default locale, as on an analyst's German or Turkish Windows.
 */
public final class DefaultLocale {

	private DefaultLocale() {
	}

	public static <T> T under(Locale locale, Supplier<T> action) {
		Locale before = Locale.getDefault();
		Locale.setDefault(locale);
		try {
			return action.get();
		}
		finally {
			Locale.setDefault(before);
		}
	}

}
