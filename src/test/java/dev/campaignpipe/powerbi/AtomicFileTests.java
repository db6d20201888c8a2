package dev.campaignpipe.powerbi;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.Set;

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
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("source.bin",
					"export.csv");
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
				out.transferFrom(in, 0, Files.size(source) + 100); // the file shrank
																	// after it was
																	// measured
			}
		})).isInstanceOf(EOFException.class);

		assertThat(Files.readString(target)).isEqualTo("previous export");
		try (var files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("campaigns.csv",
					"export.csv");
		}
	}

	/** What any program would get creating a file in {@code dir}: 0666 less the umask. */
	private static Set<PosixFilePermission> usualPermissions(Path dir) throws Exception {
		Path probe = Files.createFile(dir.resolve("probe"));
		Set<PosixFilePermission> usual = Files.getPosixFilePermissions(probe);
		Files.delete(probe);
		return usual;
	}

	@Test
	void aNewFileGetsTheFoldersUsualPermissionsNotOwnerOnly() throws Exception {
		Path target = dir.resolve("powerbi_digital_marketing_data.csv");
		AtomicFile.replace(target, out -> out.write("a\r\n".getBytes(StandardCharsets.US_ASCII)));
		assertThat(Files.getPosixFilePermissions(target)).isEqualTo(usualPermissions(dir))
			.contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ);
	}

	@Test
	void aReplacedFileKeepsThePermissionsItsOwnerGaveIt() throws Exception {
		Path target = Files.writeString(dir.resolve("fact_campaign_performance.csv"), "old\r\n");
		Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-r-----");
		Files.setPosixFilePermissions(target, chosen);
		AtomicFile.replace(target, out -> out.write("new\r\n".getBytes(StandardCharsets.US_ASCII)));
		assertThat(Files.readString(target)).isEqualTo("new\r\n");
		assertThat(Files.getPosixFilePermissions(target)).isEqualTo(chosen);
	}

}
