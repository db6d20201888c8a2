package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** An append that fails after any number of bytes leaves the file exactly as it was. */
class WholeAppendTests {

	private static final byte[] BEFORE = "header\r\n1,first\r\n".getBytes(StandardCharsets.UTF_8);

	private static final byte[] BATCH = "2,second\r\n3,third\r\n".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path dir;

	private Path file;

	private final FailingChannel.Faults faults = new FailingChannel.Faults();

	private WholeAppend appendTo;

	@BeforeEach
	void file() throws IOException {
		file = Files.write(dir.resolve("campaigns.csv"), BEFORE);
		appendTo = new WholeAppend(file);
	}

	private long appendBatch(byte[]... parts) throws IOException {
		try (var channel = faults.around(CsvFile.DEFAULT_OPENER).openForAppend(file)) {
			return appendTo.append(channel, parts);
		}
	}

	@ParameterizedTest(name = "failure after {0} bytes")
	@ValueSource(ints = { 0, 1, 5, 10, 11, 18 }) // nothing, mid-line, a whole line (10),
													// one byte short of 19
	void aWriteThatFailsMidwayIsCutBackToTheLengthBefore(int bytesWritten) throws IOException {
		faults.budget.set(bytesWritten);
		assertThatIOException().isThrownBy(() -> appendBatch(BATCH)).withMessageContaining("No space left");
		assertThat(Files.readAllBytes(file)).isEqualTo(BEFORE);
		assertThat(appendTo.cutBackPending()).isFalse();

		faults.healed();
		long length = appendBatch("4,fourth\r\n".getBytes(StandardCharsets.UTF_8));
		assertThat(Files.readString(file)).isEqualTo("header\r\n1,first\r\n4,fourth\r\n");
		assertThat(length).as("the length the append reports, which the writer uses instead of a stat")
			.isEqualTo(Files.size(file));
	}

	@Test
	void aFailedFsyncCutsBackTheBytesItCouldNotMakeDurable() throws IOException {
		faults.failingForces.set(1);
		assertThatIOException().isThrownBy(() -> appendBatch(BATCH)).withMessageContaining("fsync");
		assertThat(Files.readAllBytes(file)).isEqualTo(BEFORE);
	}

	@Test
	void whenTheCutBackFailsTooNothingIsAppendedUntilItSucceeds() throws IOException {
		faults.budget.set(13); // "2,second\r\n3,t"
		faults.failingTruncates.set(2); // the cut-back, and the first attempt to finish
										// it
		assertThatIOException().isThrownBy(() -> appendBatch(BATCH))
			.satisfies(ex -> assertThat(ex.getSuppressed()).singleElement()
				.satisfies(cut -> assertThat(cut).hasMessageContaining("truncate refused")));
		assertThat(appendTo.cutBackPending()).isTrue();
		assertThat(Files.size(file)).isEqualTo(BEFORE.length + 13L);

		faults.budget.set(Long.MAX_VALUE); // room again, but the file still cannot be cut
		assertThatIOException().isThrownBy(() -> appendBatch("4,fourth\r\n".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("truncate refused");
		assertThat(Files.size(file)).as("nothing appended after the stray bytes").isEqualTo(BEFORE.length + 13L);

		appendBatch("5,fifth\r\n".getBytes(StandardCharsets.UTF_8));
		assertThat(Files.readString(file)).isEqualTo("header\r\n1,first\r\n5,fifth\r\n");
		assertThat(appendTo.cutBackPending()).isFalse();
	}

	@Test
	void aPendingCutIsDroppedWhenTheFileWasReplacedMeanwhile() throws IOException {
		faults.budget.set(4);
		faults.failingTruncates.set(1);
		assertThatIOException().isThrownBy(() -> appendBatch(BATCH));
		assertThat(appendTo.cutBackPending()).isTrue();

		// Excel saves by writing a new file and renaming it over the old one
		Path saved = Files.write(dir.resolve("saved.tmp"),
				"header\r\n1,edited in excel\r\n".getBytes(StandardCharsets.UTF_8));
		Files.move(saved, file, StandardCopyOption.REPLACE_EXISTING);
		faults.healed();
		appendBatch("6,sixth\r\n".getBytes(StandardCharsets.UTF_8));
		assertThat(Files.readString(file)).isEqualTo("header\r\n1,edited in excel\r\n6,sixth\r\n");
	}

}
