package dev.campaignpipe.cluster;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.csv.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the log holds reads back as exactly what was written: amounts to the cent. */
class LogCodecTests {

	private static final Campaign CAMPAIGN = new Campaign("Amazon", "App Install Drive", "Leads", "Google", "Text",
			LocalDate.of(2024, 10, 15), 43_432, 2_890, 1_794, new BigDecimal("752.30"), "Mobile", "Australia",
			"High Intent", new BigDecimal("0.10"), "");

	@Test
	void aNewRecordRoundTripsWithItsSourceAndExactAmounts() {
		LogEntry read = LogCodec.read(LogCodec.write(LogEntry.of(CAMPAIGN, Source.imported("report.csv", 7))));
		assertThat(read.isRestatement()).isFalse();
		assertThat(read.campaign()).isEqualTo(CAMPAIGN);
		assertThat(read.campaign().adSpend()).isEqualByComparingTo("752.30").hasToString("752.30");
		assertThat(read.source()).isEqualTo(Source.imported("report.csv", 7));
	}

	@Test
	void aRestatementRoundTripsAsTheRecordsItReplaces() {
		Campaign restated = CAMPAIGN.withDataQuality("");
		LogEntry read = LogCodec.read(LogCodec.write(LogEntry.restating(Map.of(42L, restated))));
		assertThat(read.isRestatement()).isTrue();
		assertThat(read.changes()).containsExactly(Map.entry(42L, restated));
	}

}
