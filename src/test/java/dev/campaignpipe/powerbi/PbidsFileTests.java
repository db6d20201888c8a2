package dev.campaignpipe.powerbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PbidsFileTests {

	@TempDir
	Path dir;

	@Test
	void theDocumentNamesTheFlatFileByItsAbsolutePathInPowerBisFieldOrder() {
		Path flat = dir.resolve("powerbi").resolve("powerbi_digital_marketing_data.csv");
		// as a JSON string: a Windows path's backslashes are escaped
		String path = flat.toAbsolutePath().toString().replace("\\", "\\\\");

		String expected = """
				{
				  "version" : "0.1",
				  "connections" : [ {
				    "details" : {
				      "protocol" : "file",
				      "address" : {
				        "path" : "FLAT"
				      }
				    },
				    "options" : { },
				    "mode" : null
				  } ]
				}""".replace("FLAT", path);

		// Jackson's pretty printer ends lines with the platform's line separator
		assertThat(PbidsFile.json(flat)).isEqualTo(expected.replace("\n", System.lineSeparator()));
	}

	@Test
	void theFileIsWrittenBesideTheExportAndLeftAloneWhileItSaysTheSame() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("powerbi"));
		Path flat = folder.resolve("powerbi_digital_marketing_data.csv");
		Path pbids = folder.resolve("campaign-pipeline.pbids");

		PbidsFile.write(folder, flat);
		assertThat(Files.readString(pbids)).isEqualTo(PbidsFile.json(flat));

		FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
		Files.setLastModifiedTime(pbids, old);
		PbidsFile.write(folder, flat);
		assertThat(Files.getLastModifiedTime(pbids)).isEqualTo(old);

		Path renamed = folder.resolve("campaigns_export.csv");
		PbidsFile.write(folder, renamed);
		assertThat(Files.readString(pbids)).isEqualTo(PbidsFile.json(renamed));
		assertThat(Files.getLastModifiedTime(pbids)).isNotEqualTo(old);
	}

}
