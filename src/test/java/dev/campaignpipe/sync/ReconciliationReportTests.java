package dev.campaignpipe.sync;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import dev.campaignpipe.support.DefaultLocale;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationReportTests {

	@Test
	void theVerifyReportIsTheSameUnderAGermanDefaultLocale() {
		Reconciliation.Side csv = new Reconciliation.Side(1_000_001, 2_000_000, 30_000, 400, new BigDecimal("1234.50"),
				0);
		Reconciliation.Side db = new Reconciliation.Side(1_000_000, 2_000_000, 30_000, 400, new BigDecimal("1234.50"),
				0);
		Reconciliation.Result result = new Reconciliation.Result(csv, db, List.of(77L), 1, List.of(), 0);
		String report = DefaultLocale.under(Locale.GERMANY, result::report);
		assertThat(report).contains(
				"CSV:      1,000,001 rows, impressions 2,000,000, clicks 30,000, conversions 400, ad_spend 1234.5\n")
			.contains("ids missing in the database: 1 (77)\n")
			.endsWith("result: DIFFERENT (see pipeline_quarantine for lines the database refused)\n");
	}

}
