package dev.campaignpipe.powerbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CsvEditWatchTests {

	private final CsvEditWatch watch = new CsvEditWatch();

	@Test
	void theFirstLookIsAChangeAndTheSameStampAgainIsNot() {
		assertThat(watch.changed(new CsvEditWatch.Stamp(0, 0), false)).isTrue();
		assertThat(watch.changed(new CsvEditWatch.Stamp(0, 0), false)).isFalse();
	}

	@Test
	void aDifferentSizeOrModificationTimeIsAChange() {
		watch.changed(new CsvEditWatch.Stamp(873, 1_700_000_000_000L), false);

		assertThat(watch.changed(new CsvEditWatch.Stamp(874, 1_700_000_000_000L), false)).isTrue();
		// Excel saving the same number of bytes: only the time tells
		assertThat(watch.changed(new CsvEditWatch.Stamp(874, 1_700_000_000_001L), false)).isTrue();
		assertThat(watch.changed(new CsvEditWatch.Stamp(874, 1_700_000_000_001L), false)).isFalse();
		// a smaller file with an older time (a backup copied back) is a change too
		assertThat(watch.changed(new CsvEditWatch.Stamp(500, 1_600_000_000_000L), false)).isTrue();
	}

	@Test
	void aMissingExportIsAChangeAtEveryLookUntilItIsThere() {
		CsvEditWatch.Stamp stamp = new CsvEditWatch.Stamp(873, 1_700_000_000_000L);
		watch.changed(stamp, false);

		assertThat(watch.changed(stamp, true)).isTrue();
		assertThat(watch.changed(stamp, true)).isTrue();
		assertThat(watch.changed(stamp, false)).isFalse();
	}

	@Test
	void theStampIsTheFilesSizeAndModificationTimeInMilliseconds(@TempDir Path dir) throws Exception {
		Path csv = Files.write(dir.resolve("campaigns.csv"), new byte[] { 'a', ',', 'b', '\r', '\n' });
		Files.setLastModifiedTime(csv, FileTime.from(Instant.parse("2024-10-15T08:30:00.250Z")));

		assertThat(CsvEditWatch.Stamp.of(csv))
			.isEqualTo(new CsvEditWatch.Stamp(5, Instant.parse("2024-10-15T08:30:00.250Z").toEpochMilli()));
	}

}
