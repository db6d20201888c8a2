package dev.campaignpipe.powerbi;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTests {

	@TempDir
	Path dir;

	@Test
	void contentSpanningSeveralWriteBackStepsArrivesWholeAndInOrder() throws Exception {
		byte[] block = new byte[(int) (AtomicFile.Sink.SYNC_EVERY + 12_345)];
		new Random(7).nextBytes(block);
		Path source = dir.resolve("source.bin");
		Files.write(source, block);
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		Path target = dir.resolve("export.csv");

		AtomicFile.replace(target, out -> {
			out.write('A');
			out.write(block, 0, block.length); // through the buffer
			try (FileChannel in = FileChannel.open(source)) {
				out.transferFrom(in, 100, block.length - 100); // copied by the kernel
			}
			out.write("end\r\n".getBytes(StandardCharsets.US_ASCII));
		});
		expected.write('A');
		expected.write(block);
		expected.write(block, 100, block.length - 100);
		expected.write("end\r\n".getBytes(StandardCharsets.US_ASCII));

		assertThat(Files.readAllBytes(target)).isEqualTo(expected.toByteArray());
		try (var files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("source.bin", "export.csv");
		}
	}

	@Test
	void aSourceCutShortWhileCopiedFailsTheExportAndLeavesThePreviousFile() throws Exception {
		Path source = dir.resolve("campaigns.csv");
		Files.writeString(source, "id\r\n1\r\n");
		Path target = dir.resolve("export.csv");
		Files.writeString(target, "previous export");

		assertThatThrownBy(() -> AtomicFile.replace(target, out -> {
			try (FileChannel in = FileChannel.open(source)) {
				out.transferFrom(in, 0, Files.size(source) + 100); // the file shrank after it was measured
			}
		})).isInstanceOf(EOFException.class);

		assertThat(Files.readString(target)).isEqualTo("previous export");
		try (var files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("campaigns.csv", "export.csv");
		}
	}

}
