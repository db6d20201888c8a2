package dev.campaignpipe.csv;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's id scan: the leading campaign_id of each whole line from a byte offset on.
 */
class LineIdsTests {

	/**
	 * A header (bytes 0-16), rows of 9 bytes at 17, 26 and 35, and a torn row from 44.
	 */
	private static final String FILE = "campaign_id,a,b\r\n" + "1,xx,yy\r\n" + "22,x,yy\r\n" + "333,x,y\r\n"
			+ "4444,to";

	@TempDir
	Path dir;

	private List<Long> scanFrom(long offset) throws Exception {
		Path file = Files.writeString(dir.resolve("campaigns.csv"), FILE, StandardCharsets.UTF_8);
		List<Long> ids = new ArrayList<>();
		try (FileChannel channel = FileChannel.open(file)) {
			LineIds.scan(channel, offset, ids::add);
		}
		return ids;
	}

	@ParameterizedTest(name = "from byte {0}: {1}")
	@CsvSource(delimiter = ';', value = { "0;1 22 333", // the header is not a row; the
														// torn row is not whole
			"17;1 22 333", // exactly at a line start: that line is read whole
			"18;22 333", // inside a line: it is partial and passed over
			"25;22 333", // on a line's last byte (its line break): the next line is whole
			"26;22 333", "35;333", "44;", // only the torn row is left
			"60;" // past the end
	})
	void readsTheIdOfEveryWholeLineStartingAtOrAfterTheOffset(long offset, String expected) throws Exception {
		List<Long> want = expected == null ? List.of()
				: java.util.Arrays.stream(expected.split(" ")).map(Long::parseLong).toList();
		assertThat(scanFrom(offset)).containsExactlyElementsOf(want);
	}

}
