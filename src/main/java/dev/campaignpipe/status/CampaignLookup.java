package dev.campaignpipe.status;

import java.util.Optional;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.Receipt;

import org.springframework.stereotype.Component;

/** Finds a stored record by id, wherever in the pipeline it is. */
@Component
public class CampaignLookup {

	private final CsvWriterService writer;

	public CampaignLookup(CsvWriterService writer) {
		this.writer = writer;
	}

	public Optional<Receipt> find(long id) {
		return writer.locate(id);
	}

}
