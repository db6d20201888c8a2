package dev.campaignpipe.importer;

import java.util.Locale;

import dev.campaignpipe.support.DefaultLocale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ImportSummaryTests {

	/**
	 * The summary reads the same on every machine (the docs and the CLI's hand-over quote
	 * it).
	 */
	@ParameterizedTest(name = "default locale {0}")
	@ValueSource(strings = { "en-US", "de-DE", "fr-FR", "tr-TR" })
	void describesCountsWithTheSameDigitGroupingUnderAnyDefaultLocale(String locale) {
		ImportSummary summary = new ImportSummary(1_234_567, 1_234_000, 500, 67, 12, 0, 0, 1.5, true, null, null);
		String text = DefaultLocale.under(Locale.forLanguageTag(locale), summary::describe);
		assertThat(text)
			.isEqualTo("read 1,234,567 · stored 1,234,000 (flagged 12) · skipped as duplicates 500 · rejected 67");
	}

}
