package dev.campaignpipe.preset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The text encoding of an export, decided once from its first bytes: a byte order mark
 * (UTF-8, UTF-16 LE/BE), UTF-16 without one (every other byte zero, as Excel's "Unicode
 * text"), else UTF-8 when the sample is valid UTF-8, else Windows-1252 (what Excel writes
 * in western locales).
 *
 * @param charset how to decode the text
 * @param bomLength bytes to skip at the start
 */
record TextEncoding(Charset charset, int bomLength) {

	static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	/** Bytes looked at; a decision on a megabyte of text is a decision on the file. */
	private static final int SAMPLE = 1 << 20;

	static TextEncoding of(Path file) throws IOException {
		byte[] sample;
		try (InputStream in = Files.newInputStream(file)) {
			sample = in.readNBytes(SAMPLE);
		}
		return of(sample, Files.size(file) <= SAMPLE);
	}

	static TextEncoding of(byte[] b, boolean whole) {
		if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
			return new TextEncoding(StandardCharsets.UTF_8, 3);
		}
		if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
			return new TextEncoding(StandardCharsets.UTF_16LE, 2);
		}
		if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
			return new TextEncoding(StandardCharsets.UTF_16BE, 2);
		}
		int zerosEven = 0;
		int zerosOdd = 0;
		int n = Math.min(b.length, 4096) & ~1;
		for (int i = 0; i < n; i += 2) {
			zerosEven += b[i] == 0 ? 1 : 0;
			zerosOdd += b[i + 1] == 0 ? 1 : 0;
		}
		if (n > 0 && zerosOdd > n / 4 && zerosEven == 0) {
			return new TextEncoding(StandardCharsets.UTF_16LE, 0);
		}
		if (n > 0 && zerosEven > n / 4 && zerosOdd == 0) {
			return new TextEncoding(StandardCharsets.UTF_16BE, 0);
		}
		return new TextEncoding(isUtf8(b, whole) ? StandardCharsets.UTF_8 : WINDOWS_1252, 0);
	}

	/** Valid UTF-8, allowing a character cut at the end of a partial sample. */
	private static boolean isUtf8(byte[] b, boolean whole) {
		int end = b.length;
		if (!whole) {
			while (end > 0 && end > b.length - 4 && (b[end - 1] & 0xC0) == 0x80) {
				end--;
			}
			if (end > 0 && (b[end - 1] & 0x80) != 0) {
				end--; // the lead byte of the cut character
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(Arrays.copyOf(b, end)));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/** The encoding's name for people, as the preview shows it. */
	String describe() {
		String name = charset == WINDOWS_1252 ? "Windows-1252"
				: charset.name().replace("UTF-16LE", "UTF-16 LE").replace("UTF-16BE", "UTF-16 BE");
		return bomLength > 0 ? name + " with BOM" : name;
	}

}
