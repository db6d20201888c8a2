package dev.campaignpipe.csvfile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * How the sync cuts bytes into records: a record ends at a line break outside quotes;
 * what follows the last complete record waits for the next read.
 */
class CsvTailTests {

	static Stream<Arguments> cases() {
		return Stream.of(arguments("CRLF lines", "a,b\r\nc,d\r\n", 9, List.of("a,b", "c,d"), List.of(0L, 5L), 10L, 2L),
				arguments("LF lines", "a,b\nc,d\n", 9, List.of("a,b", "c,d"), List.of(0L, 4L), 8L, 2L),
				arguments("a torn last line waits", "a,b\r\nc,", 9, List.of("a,b"), List.of(0L), 5L, 1L),
				arguments("nothing whole yet", "a,b", 9, List.of(), List.of(), 0L, 0L),
				arguments("a line break inside quotes stays in the record", "1,\"x\r\ny\",z\r\n2,w\r\n", 9,
						List.of("1,\"x\r\ny\",z", "2,w"), List.of(0L, 12L), 17L, 3L),
				arguments("an unclosed quote holds everything after it", "1,\"x\r\n2,w\r\n", 9, List.of(), List.of(),
						0L, 0L),
				arguments("a stray quote ends where a whole record follows", "1,\"x\n2" + ",v".repeat(25) + "\n", 9,
						List.of("1,\"x", "2" + ",v".repeat(25)), List.of(0L, 5L), 57L, 2L),
				arguments("a quote left open for 20 line breaks is stray", "1,\"x" + "\ny".repeat(20) + "\n", 99,
						List.of("1,\"x" + "\ny".repeat(19), "y"), List.of(0L, 43L), 45L, 21L),
				arguments("escaped quotes do not end the quoted value", "1,\"say \"\"hi\"\"\"\r\n2\r\n", 9,
						List.of("1,\"say \"\"hi\"\"\"", "2"), List.of(0L, 16L), 19L, 2L),
				arguments("at most maxLines records", "a\nb\nc\n", 2, List.of("a", "b"), List.of(0L, 2L), 4L, 2L),
				arguments("an empty line is a record of its own", "a\r\n\r\nb\r\n", 9, List.of("a", "", "b"),
						List.of(0L, 3L, 5L), 8L, 3L));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void splitsBytesIntoWholeRecords(String name, String text, int maxLines, List<String> records, List<Long> offsets,
			long endOffset, long endLine) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		CsvTail.Chunk chunk = CsvTail.split(bytes, bytes.length, 0, 0, maxLines);
		assertThat(chunk.lines()).extracting(CsvLine::text).containsExactlyElementsOf(records);
		assertThat(chunk.lines()).extracting(CsvLine::offset).containsExactlyElementsOf(offsets);
		assertThat(chunk.endOffset()).as("where the next read starts").isEqualTo(endOffset);
		assertThat(chunk.endLine()).as("physical lines consumed").isEqualTo(endLine);
	}

	@ParameterizedTest(name = "continuing at byte {0}, line {1}")
	@MethodSource("continuations")
	void offsetsAndLineNumbersContinueFromWhereTheLastReadEnded(long offset, long lineNumber) {
		byte[] bytes = "7,x\r\n8,y\r\n".getBytes(StandardCharsets.UTF_8);
		CsvTail.Chunk chunk = CsvTail.split(bytes, bytes.length, offset, lineNumber, 10);
		assertThat(chunk.lines()).extracting(CsvLine::offset).containsExactly(offset, offset + 5);
		assertThat(chunk.lines()).extracting(CsvLine::lineNumber).containsExactly(lineNumber + 1, lineNumber + 2);
		assertThat(chunk.endOffset()).isEqualTo(offset + 10);
	}

	static Stream<Arguments> continuations() {
		return Stream.of(arguments(0L, 0L), arguments(1_000L, 41L), arguments(5_000_000_000L, 20_000_000L));
	}

}
