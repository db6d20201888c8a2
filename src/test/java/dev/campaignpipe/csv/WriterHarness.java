package dev.campaignpipe.csv;

import java.nio.file.Path;
import java.util.Map;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A real writer on a real folder, outside Spring, for the csv package's tests. */
final class WriterHarness {

	private WriterHarness() {
	}

	static CsvWriterService start(Path dataDir) {
		return start(dataDir, CsvFile.DEFAULT_OPENER);
	}

	static CsvWriterService start(Path dataDir, CsvFile.Opener opener) {
		PipelineProperties properties = TestProperties.load(dataDir,
				Map.of("pipeline.csv.retry-initial", "20ms", "pipeline.csv.retry-max", "100ms"));
		CsvWriterService writer = new CsvWriterService(properties, new SimpleMeterRegistry(), opener, event -> {
		});
		writer.start();
		return writer;
	}

}
