package dev.campaignpipe.csv;

import java.nio.file.Path;
import java.util.Map;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.ApplicationEventPublisher;

/** A real writer on a real folder, outside Spring, for the csv package's tests. */
public final class WriterHarness {

	private WriterHarness() {
	}

	public static CsvWriterService start(Path dataDir) {
		return start(dataDir, CsvFile.DEFAULT_OPENER);
	}

	/**
	 * A writer whose appends are announced to {@code events}, as the application context
	 * does.
	 */
	public static CsvWriterService startAnnouncingTo(Path dataDir, ApplicationEventPublisher events) {
		return start(dataDir, CsvFile.DEFAULT_OPENER, events);
	}

	static CsvWriterService start(Path dataDir, CsvFile.Opener opener) {
		return start(dataDir, opener, event -> {
		});
	}

	static CsvWriterService start(Path dataDir, CsvFile.Opener opener, ApplicationEventPublisher events) {
		return start(dataDir, opener, Spool.DEFAULT_OPENER, events);
	}

	static CsvWriterService start(Path dataDir, CsvFile.Opener opener, CsvFile.Opener spoolOpener,
			ApplicationEventPublisher events) {
		PipelineProperties properties = TestProperties.load(dataDir,
				Map.of("pipeline.csv.retry-initial", "20ms", "pipeline.csv.retry-max", "100ms"));
		CsvWriterService writer = new CsvWriterService(properties, new SimpleMeterRegistry(), opener, spoolOpener,
				events);
		writer.start();
		return writer;
	}

}
