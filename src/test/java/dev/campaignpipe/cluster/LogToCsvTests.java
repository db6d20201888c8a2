package dev.campaignpipe.cluster;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.Location;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A slice of the CSV sink: a log entry no node can read is passed over, counted and
 * logged, and the entries around it still reach the CSV writer in log order (the writer
 * is a mock here; the sink against real brokers and a real CSV is
 * ClusterFailoverIntegrationTests).
 */
class LogToCsvTests {

	private static final Campaign CAMPAIGN = new Campaign("Amazon", "App Install Drive", "Leads", "Google", "Text",
			LocalDate.of(2024, 10, 15), 43_432, 2_890, 1_794, new BigDecimal("752.30"), "Mobile", "Australia",
			"High Intent", new BigDecimal("0.10"), "");

	@Test
	void anEntryNoNodeCanReadIsPassedOverAndTheOthersAreWrittenInOrder() throws Exception {
		CsvWriterService writer = mock(CsvWriterService.class);
		List<List<Long>> appended = new ArrayList<>();
		when(writer.appendFromLog(anyList(), anyList())).thenAnswer(call -> {
			List<StoredCampaign> records = call.getArgument(0);
			appended.add(records.stream().map(StoredCampaign::id).toList());
			return CompletableFuture.completedFuture(Location.CSV);
		});
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		LogToCsv sink = new LogToCsv(TestProperties.load(Path.of("target/log-to-csv")), writer, meters);
		sink.skipTo(10);

		boolean onTrack = sink.write(List.of(entry(10), entry(11),
				new ConsumerRecord<>("campaigns", 0, 12, null, "{not an entry".getBytes(StandardCharsets.UTF_8)),
				entry(13)));

		assertThat(onTrack).isTrue();
		assertThat(appended).containsExactly(List.of(11L, 12L), List.of(14L));
		assertThat(sink.position()).isEqualTo(14);
		assertThat(sink.status().written()).as("the entry passed over was not written").isEqualTo(3);
		assertThat(meters.get("pipeline.cluster.sink.unreadable").tag("sink", "csv").counter().count()).isEqualTo(1);
	}

	private static ConsumerRecord<byte[], byte[]> entry(long offset) {
		return new ConsumerRecord<>("campaigns", 0, offset, null, LogCodec.write(LogEntry.of(CAMPAIGN, Source.API)));
	}

}
