package dev.campaignpipe.support;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The 247-row sample of a real CSV the original tool produced (stray header spaces, CRLF,
 * no BOM, dd-MM-yyyy and ISO dates, odd category spellings, stale metrics), kept as a
 * test fixture.
 */
public final class Seed {

	private Seed() {
	}

	public static Path sample() {
		try {
			return Path.of(Seed.class.getResource("/seed/sample_original_dataset.csv").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
