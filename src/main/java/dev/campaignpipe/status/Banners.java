package dev.campaignpipe.status;

import java.util.ArrayList;
import java.util.List;

import dev.campaignpipe.csv.CsvWriterService;
import dev.campaignpipe.csv.WriterStatus;

import org.springframework.stereotype.Component;

/** Turns the pipeline's state into the sentences a person sees at the top of the form. */
@Component
public class Banners {

	private final CsvWriterService writer;

	public Banners(CsvWriterService writer) {
		this.writer = writer;
	}

	public List<Banner> current() {
		List<Banner> banners = new ArrayList<>();
		WriterStatus status = writer.status();
		String file = java.nio.file.Path.of(status.csvPath()).getFileName().toString();
		if (status.csvLocked() || status.spoolSize() > 0) {
			int waiting = status.spoolSize();
			banners.add(new Banner("warning", file + " is open in another program — " + waiting
					+ (waiting == 1 ? " record" : " records") + " waiting, nothing is lost. Close it (in Excel) and they are written automatically."));
		}
		return banners;
	}

}
