package dev.campaignpipe.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Files made of the pieces damaged or hostile CSV files are made of — quotes, stray and
 * doubled; line breaks of three kinds; NUL bytes; invalid UTF-8; random bytes; ids; a 1
 * MB value; a line of 10,000 columns — mixed with lines a real writer wrote. Drawn from a
 * seeded {@link Random}, so a failure names the seed that reproduces it
 * ({@link #forEachSeed}).
 */
public final class HostileBytes {

	private static final List<byte[]> PIECES = List.of(utf8("\""), utf8("\"\""), utf8("\n"), utf8("\r\n"), utf8("\r"),
			utf8(","), utf8("\u0000"), utf8("9,"), utf8("Acme"), utf8("é"), utf8("\"a\nb\""),
			utf8(",,,,,,,,,,,,,,,,,,,,,,,,,,\n"), new byte[] { (byte) 0xC3, 0x28 },
			new byte[] { (byte) 0xFF, (byte) 0xFE }, new byte[] { (byte) 0xE2, (byte) 0x82 },
			new byte[] { (byte) 0x80 }, utf8("=cmd|' /C calc'!A0"), utf8("<script>x</script>"));

	private static final byte[] HUGE_VALUE = utf8("7," + "x".repeat(1 << 20) + "\n");

	private static final byte[] WIDE_LINE = utf8("8" + ",v".repeat(10_000) + "\n");

	private final List<byte[]> goodLines;

	/**
	 * @param goodLines whole lines as the product writes them, mixed in between the
	 * damage
	 */
	public HostileBytes(List<String> goodLines) {
		this.goodLines = goodLines.stream().map(HostileBytes::utf8).toList();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Up to {@code maxPieces} pieces; about one file in 40 also holds a huge piece. */
	public byte[] file(Random random, int maxPieces) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int pieces = random.nextInt(maxPieces + 1);
		for (int i = 0; i < pieces; i++) {
			int kind = random.nextInt(100);
			if (kind < 15 && !goodLines.isEmpty()) {
				out.writeBytes(goodLines.get(random.nextInt(goodLines.size())));
			}
			else if (kind < 25) {
				byte[] noise = new byte[random.nextInt(40)];
				random.nextBytes(noise);
				out.writeBytes(noise);
			}
			else if (kind < 30) {
				out.writeBytes(utf8(Long.toString(random.nextLong(1, Long.MAX_VALUE)) + ","));
			}
			else {
				out.writeBytes(PIECES.get(random.nextInt(PIECES.size())));
			}
		}
		if (random.nextInt(40) == 0) {
			out.writeBytes(random.nextBoolean() ? HUGE_VALUE : WIDE_LINE);
		}
		return out.toByteArray();
	}

	/**
	 * Runs {@code check} for seeds 1..{@code tries}; a failure is rethrown naming its
	 * seed.
	 */
	public static void forEachSeed(int tries, Consumer<Random> check) {
		for (long seed = 1; seed <= tries; seed++) {
			try {
				check.accept(new Random(seed));
			}
			catch (AssertionError | RuntimeException ex) {
				throw new AssertionError("failed with seed " + seed + " (new Random(" + seed + ")): " + ex.getMessage(),
						ex);
			}
		}
	}

}
