package dev.campaignpipe.csv;

/** A record asked for a campaign_id that is already in use. */
public class IdTakenException extends RuntimeException {

	public IdTakenException(long id) {
		super("campaign_id " + id + " is already taken");
	}

}
