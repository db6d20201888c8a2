package dev.campaignpipe.preset;

/**
 * A file that cannot be imported as it is (SPEC §14): no header of a known export, no
 * date, more than one currency. Nothing is stored; the message says why and what to do.
 */
public class UnreadableExportException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public UnreadableExportException(String message) {
		super(message);
	}

}
