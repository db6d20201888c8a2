package dev.campaignpipe.csv;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Names a write error the way an analyst understands it. The JDK reports a full disk with
 * the operating system's own text ("No space left on device" on Linux and macOS, "There
 * is not enough space on the disk" on Windows); the 503 and the banner say "disk full"
 * (SPEC §11), followed by that text for whoever looks further.
 */
final class DiskFull {

	private static final List<String> OPERATING_SYSTEM_TEXTS = List.of("no space left on device",
			"not enough space on the disk", "disk quota exceeded");

	private DiskFull() {
	}

	/**
	 * The error as it should be reported: a full disk becomes "disk full: …", anything
	 * else is returned as it is.
	 */
	static IOException described(IOException ex) {
		String message = ex.getMessage();
		if (message == null || ex instanceof DiskFullException) {
			return ex;
		}
		String lower = message.toLowerCase(Locale.ROOT);
		for (String text : OPERATING_SYSTEM_TEXTS) {
			if (lower.contains(text)) {
				return new DiskFullException(message, ex);
			}
		}
		return ex;
	}

	/** A write refused because the disk (or the user's quota) is full. */
	static final class DiskFullException extends IOException {

		private static final long serialVersionUID = 1L;

		DiskFullException(String operatingSystemText, IOException cause) {
			super("disk full: " + operatingSystemText, cause);
		}

		/** Without the class name: this text is shown to the user as it is. */
		@Override
		public String toString() {
			return getMessage();
		}

	}

}
