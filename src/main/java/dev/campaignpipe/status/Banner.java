package dev.campaignpipe.status;

import java.util.Locale;

/**
 * A notice shown above every page while part of the pipeline needs the user's attention.
 */
public record Banner(Level level, String message) {

	/** How urgent: something waits (records are safe) or something is refused. */
	public enum Level {

		/**
		 * Records are safe but something waits: a locked CSV, a paused mirror, a failing
		 * export.
		 */
		WARNING,
		/** Records are being refused: they are not saved. */
		ERROR

	}

	/**
	 * The page's style class for the level ({@code banner-warning},
	 * {@code banner-error}).
	 */
	public String css() {
		return "banner-" + level.name().toLowerCase(Locale.ROOT);
	}

}
