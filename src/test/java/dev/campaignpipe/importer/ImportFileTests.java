package dev.campaignpipe.importer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ImportFileTests {

	@TempDir
	Path dir;

	@Test
	void readsTheHeaderThenEachRowAsItIsSkippingEmptyLinesAndCountsEveryByte() throws Exception {
		Path file = dir.resolve("in.csv");
		Files.writeString(file, "campaign_id,name\r\n1,a\r\n\r\n2\r\n3,c,extra\r\n", StandardCharsets.UTF_8);
		ImportProgress progress = new ImportProgress(Files.size(file));
		try (ImportFile in = ImportFile.open(file, progress)) {
			assertThat(in.header()).containsExactly("campaign_id", "name");
			assertThat(in.next()).containsExactly("1", "a");
			assertThat(in.next()).containsExactly("2");
			assertThat(in.next()).containsExactly("3", "c", "extra");
			assertThat(in.next()).isNull();
		}
		assertThat(progress.snapshot().bytesRead()).isEqualTo(Files.size(file));
		assertThat(progress.snapshot().percent()).isEqualTo(100);
	}

	/**
	 * This product's own CSV, its rejects files and Excel's "CSV UTF-8" start with a BOM:
	 * it must not stay in the first column's name, or {@code campaign_id} is not found.
	 */
	@Test
	void aLeadingBomIsNotPartOfTheFirstColumnNameAndStillCountsAsRead() throws Exception {
		Path file = dir.resolve("bom.csv");
		Files.writeString(file, "\uFEFFcampaign_id,name\r\n7,a\r\n", StandardCharsets.UTF_8);
		ImportProgress progress = new ImportProgress(Files.size(file));
		try (ImportFile in = ImportFile.open(file, progress)) {
			List<String> header = in.header();
			assertThat(header).containsExactly("campaign_id", "name");
			List<String> row = in.next();
			assertThat(row.get(header.indexOf("campaign_id"))).isEqualTo("7");
			assertThat(in.next()).isNull();
		}
		assertThat(progress.snapshot().bytesRead()).isEqualTo(Files.size(file));
	}

	@Test
	void anEmptyFileHasNoHeaderLine() throws Exception {
		Path file = Files.writeString(dir.resolve("empty.csv"), "\r\n");
		try (ImportFile in = ImportFile.open(file, new ImportProgress(2))) {
			assertThatIllegalArgumentException().isThrownBy(in::header).withMessage(file + " is empty: no header line");
		}
	}

	@Test
	void aHeaderWithoutRowsHasNoNextRow() throws Exception {
		Path file = Files.write(dir.resolve("header.csv"), List.of("campaign_id"));
		try (ImportFile in = ImportFile.open(file, new ImportProgress(12))) {
			assertThat(in.header()).containsExactly("campaign_id");
			assertThat(in.next()).isNull();
		}
	}

}
