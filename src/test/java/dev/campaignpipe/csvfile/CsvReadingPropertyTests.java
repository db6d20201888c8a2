package dev.campaignpipe.csvfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.TestCampaigns;
import dev.campaignpipe.support.HostileBytes;
import dev.campaignpipe.support.TestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, property-based: the sync's reading of campaigns.csv against any bytes (see
 * {@link HostileBytes}). Whatever the bytes: no exception, every line break accounted
 * for, the same records however the file is read in windows, never a stall behind a stray
 * quote, and each record a row, a quarantined line with its reason, or blank. Each
 * property runs on hundreds of seeded files; a failure names its seed.
 */
class CsvReadingPropertyTests {

	private static final String WRITER_LINE = new String(
			CsvFormat.lines(List.of(StoredCampaign.of(42, TestCampaigns.workedExample()))), StandardCharsets.UTF_8);

	private static final HostileBytes FILES = new HostileBytes(List.of(WRITER_LINE));

	private static final RowReader READER = RowReader.fromHeaderFields(CampaignColumns.ALL);

	@TempDir
	Path dir;

	private LineConverter converter;

	@BeforeEach
	void converter() throws IOException {
		converter = new LineConverter(
				new CampaignValidator(new Categories(TestProperties.load(dir).categories()), Clock.systemUTC()),
				DateInput.ISO_OR_DAY_FIRST);
	}

	@Test
	void anyBytesAreCutIntoTheSameRecordsHoweverTheyAreReadInWindows() {
		HostileBytes.forEachSeed(500, random -> {
			byte[] bytes = FILES.file(random, 120);
			int window = 1 + random.nextInt(300);
			int maxLines = 1 + random.nextInt(7);
			CsvTail.Chunk whole = CsvTail.split(bytes, bytes.length, 0, 0, Integer.MAX_VALUE);
			assertThat(readInWindows(bytes, whole.endOffset(), window, maxLines))
				.as("records read in windows of " + window + " bytes, " + maxLines + " at a time")
				.containsExactlyElementsOf(whole.lines());

			// every line break up to the end is in exactly one record (or ends one)
			assertThat(whole.endLine()).as("physical lines consumed").isEqualTo(breaks(bytes, 0, whole.endOffset()));
			for (int i = 1; i < whole.lines().size(); i++) {
				assertThat(bytes[(int) whole.lines().get(i).offset() - 1]).as("a record starts after a line break")
					.isEqualTo((byte) '\n');
			}
			// a stray quote never holds back what follows it for long
			assertThat(breaks(bytes, whole.endOffset(), bytes.length)).as("line breaks left unread")
				.isLessThan(CsvTail.MAX_SPAN);
		});
	}

	/**
	 * As the sync reads: from where the last read ended, waiting for more when a window
	 * holds no whole record.
	 */
	private static List<CsvLine> readInWindows(byte[] bytes, long end, int window, int maxLines) {
		List<CsvLine> lines = new ArrayList<>();
		long offset = 0;
		long line = 0;
		int size = window;
		while (offset < end) {
			int length = (int) Math.min(size, bytes.length - offset);
			byte[] slice = Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
			CsvTail.Chunk chunk = CsvTail.split(slice, length, offset, line, maxLines);
			if (chunk.endOffset() == offset) {
				size *= 2;
				continue;
			}
			lines.addAll(chunk.lines());
			offset = chunk.endOffset();
			line = chunk.endLine();
			size = window;
		}
		return lines;
	}

	private static long breaks(byte[] bytes, long from, long to) {
		long count = 0;
		for (long i = from; i < to; i++) {
			count += bytes[(int) i] == '\n' ? 1 : 0;
		}
		return count;
	}

	@Test
	void eachRecordIsARowAQuarantinedLineWithItsReasonOrBlank() {
		HostileBytes.forEachSeed(500, random -> {
			byte[] bytes = FILES.file(random, 120);
			for (CsvLine line : CsvTail.split(bytes, bytes.length, 0, 0, Integer.MAX_VALUE).lines()) {
				LineConverter.Result result = converter.convert(READER, line);
				if (result == null) {
					assertThat(line.text().replace(",", "").replace(" ", "").replace("\t", "")).isEmpty();
					continue;
				}
				assertThat(result.row() == null).as("a row or a quarantined line, not both")
					.isNotEqualTo(result.quarantined() == null);
				if (result.quarantined() != null) {
					assertThat(result.quarantined().reason()).isNotBlank();
					assertThat(result.quarantined().line()).isEqualTo(line);
				}
			}
		});
	}

	@Test
	void aStrayQuoteDoesNotSwallowTheRecordsTheWriterAppendsAfterIt() {
		HostileBytes.forEachSeed(200, random -> {
			ByteArrayOutputStream file = new ByteArrayOutputStream();
			file.writeBytes(FILES.file(random, 60));
			file.writeBytes("\n\"\n".getBytes(StandardCharsets.UTF_8)); // a line left
																		// with an open
																		// quote
			file.writeBytes(WRITER_LINE.getBytes(StandardCharsets.UTF_8));
			byte[] bytes = file.toByteArray();
			List<CsvLine> lines = CsvTail.split(bytes, bytes.length, 0, 0, Integer.MAX_VALUE).lines();
			assertThat(lines).isNotEmpty();
			LineConverter.Result last = converter.convert(READER, lines.get(lines.size() - 1));
			assertThat(last.row()).as("the writer's record after the damage").isNotNull();
			assertThat(last.row().stored().id()).isEqualTo(42);
		});
	}

}
