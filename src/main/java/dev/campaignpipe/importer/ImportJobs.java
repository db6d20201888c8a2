package dev.campaignpipe.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * Imports started from the web page or handed over by the command line, run one at a time
 * in the background, each watchable by its id while it runs and afterwards.
 */
@Component
public class ImportJobs {

	/** One import: what it reads and how far it got. */
	public record Job(long id, String file, ImportOptions options, ImportProgress progress) {
	}

	private final CampaignImporter importer;

	private final Map<Long, Job> jobs = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "import");
		t.setDaemon(true);
		return t;
	});

	public ImportJobs(CampaignImporter importer) {
		this.importer = importer;
	}

	public Job start(Path file, ImportOptions options) throws IOException {
		Job job = new Job(ids.incrementAndGet(), file.toAbsolutePath().toString(), options, importer.start(file));
		jobs.put(job.id(), job);
		runner.submit(() -> importer.run(file, options, job.progress()));
		return job;
	}

	public Optional<Job> find(long id) {
		return Optional.ofNullable(jobs.get(id));
	}

	@PreDestroy
	void stop() {
		runner.shutdownNow();
	}

}
