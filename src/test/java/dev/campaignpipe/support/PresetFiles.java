package dev.campaignpipe.support;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The ad platforms' example exports of {@code ../shared/presets/} (synthetic numbers, the
 * platforms' documented formats), kept with the tests.
 */
public final class PresetFiles {

	private PresetFiles() {
	}

	public static Path of(String name) {
		try {
			return Path.of(PresetFiles.class.getResource("/presets/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
