package dev.campaignpipe.powerbi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.campaignpipe.config.PipelineProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportHealthTests {

	private final PipelineProperties.PowerBi settings = new PipelineProperties.PowerBi(true, null, "flat.csv",
			PipelineProperties.Header.CLEAN, true, Duration.ofMillis(50), Duration.ofMillis(300),
			Duration.ofSeconds(60));

	private final ExportHealth health = new ExportHealth(settings, Path.of("exports"));

	@Test
	void beforeAnyExportTheStatusNamesTheFolderAndFileOnly() {
		assertThat(health.status()).isEqualTo(new ExportStatus(true, Path.of("exports").toAbsolutePath().toString(),
				"flat.csv", null, 0, null, null));
		assertThat(health.lastDurationMillis()).isZero();
	}

	@Test
	void failuresDoubleTheWaitFromTheDebounceUpToRetryMaxAndASuccessStartsOver() {
		assertThat(health.failed(new IOException("locked"))).isEqualTo(Duration.ofMillis(100));
		assertThat(health.failed(new IOException("locked"))).isEqualTo(Duration.ofMillis(200));
		assertThat(health.failed(new IOException("locked"))).isEqualTo(Duration.ofMillis(300));
		assertThat(health.failed(new IOException("locked"))).isEqualTo(Duration.ofMillis(300));

		health.succeeded(7, 40);
		assertThat(health.failed(new IOException("locked"))).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void aFailureKeepsTheLastExportAndIsFailingSinceTheFirstOfARun() {
		health.succeeded(7, 40);
		ExportStatus exported = health.status();

		health.failed(new IOException("locked"));
		ExportStatus first = health.status();
		health.failed(new IllegalStateException("still locked"));
		ExportStatus second = health.status();

		assertThat(first.lastExport()).isEqualTo(exported.lastExport()).isNotNull();
		assertThat(first.lastExportRows()).isEqualTo(7);
		assertThat(first.lastError()).isEqualTo("java.io.IOException: locked");
		assertThat(first.failingSince()).isNotNull();
		assertThat(second.lastError()).isEqualTo("java.lang.IllegalStateException: still locked");
		assertThat(second.failingSince()).isEqualTo(first.failingSince());
	}

	@Test
	void aSuccessClearsTheErrorAndRecordsRowsAndDuration() {
		health.failed(new IOException("locked"));

		health.succeeded(-1, 1234);

		ExportStatus status = health.status();
		assertThat(status.lastError()).isNull();
		assertThat(status.failingSince()).isNull();
		assertThat(status.lastExportRows()).isEqualTo(-1);
		assertThat(status.lastExport()).isNotNull();
		assertThat(health.lastDurationMillis()).isEqualTo(1234);
	}

}
