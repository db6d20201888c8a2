package dev.campaignpipe.csv;

/** A record asked for a campaign_id that is already in use. */
public class IdTakenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public IdTakenException(long id) {
		super("campaign_id " + id + " is already taken");
	}

}
