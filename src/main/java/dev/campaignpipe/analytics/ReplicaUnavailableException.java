package dev.campaignpipe.analytics;

/** The replica cannot answer now: warming never blocks queries, this does. */
class ReplicaUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ReplicaUnavailableException(String message) {
		super(message);
	}

}
