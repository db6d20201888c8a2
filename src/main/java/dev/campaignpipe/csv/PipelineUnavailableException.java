package dev.campaignpipe.csv;

/**
 * The writer could not make a record durable (queue full, disk failing, shutting down).
 */
public class PipelineUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public PipelineUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
