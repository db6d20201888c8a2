package dev.campaignpipe.status;

import java.util.Optional;

import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.Location;
import dev.campaignpipe.csv.Receipt;
import dev.campaignpipe.sync.CampaignTable;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Finds a stored record by id, wherever in the pipeline it is: the writer's recent
 * records, then the database.
 */
@Component
public class CampaignLookup {

	private final CsvWriterService writer;

	private final CampaignTable table;

	public CampaignLookup(CsvWriterService writer, CampaignTable table) {
		this.writer = writer;
		this.table = table;
	}

	/** The record as the writer stored it, or as the database holds it. */
	public Optional<Receipt> find(long id) {
		Optional<Receipt> recent = writer.locate(id);
		if (recent.isPresent()) {
			return recent;
		}
		return fromDatabase(id).map(stored -> new Receipt(stored, Location.CSV));
	}

	public Optional<Whereabouts> where(long id) {
		Optional<Receipt> recent = writer.locate(id);
		Optional<StoredCampaign> inDatabase;
		Whereabouts.InDatabase known;
		try {
			inDatabase = table.find(id);
			known = inDatabase.isPresent() ? Whereabouts.InDatabase.YES : Whereabouts.InDatabase.NOT_YET;
		}
		catch (DataAccessException ex) {
			inDatabase = Optional.empty();
			known = Whereabouts.InDatabase.UNKNOWN;
		}
		if (recent.isPresent()) {
			Receipt r = recent.get();
			return Optional
				.of(new Whereabouts(r.stored(), r.location() == Location.CSV, r.location() == Location.SPOOL, known));
		}
		return inDatabase.map(stored -> new Whereabouts(stored, true, false, Whereabouts.InDatabase.YES));
	}

	private Optional<StoredCampaign> fromDatabase(long id) {
		try {
			return table.find(id);
		}
		catch (DataAccessException ex) {
			return Optional.empty();
		}
	}

}
