package dev.campaignpipe.trail;

import java.time.Duration;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;

import dev.campaignpipe.common.BackgroundLoop;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csv.RecordsWritten;
import dev.campaignpipe.csv.Source;
import dev.campaignpipe.csv.SpoolMoved;
import dev.campaignpipe.powerbi.ExportWritten;
import dev.campaignpipe.sync.MirrorChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Each record's trail through the pipeline (SPEC §13), kept in {@code state/trail.jsonl}
 * so it survives a restart. The stages announce themselves (the writer's
 * {@link RecordsWritten} and {@link SpoolMoved}, the sync's {@link MirrorChanged}, the
 * export's {@link ExportWritten}); a batch becomes a few runs of consecutive ids, taken
 * into memory at once and written to the file by a thread of its own, forced to disk once
 * a second: no acknowledgement waits for the trail. A crash loses at most the last second
 * of it, never a record.
 */
@Service
public class TrailLog extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(TrailLog.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Entries waiting for the file; beyond this the trail falls behind and says so. */
	private static final int MAX_WAITING = 100_000;

	private final boolean enabled;

	private final Path file;

	private final TrailRuns runs = new TrailRuns();

	private final BlockingQueue<TrailEntry> waiting = new LinkedBlockingQueue<>(MAX_WAITING);

	private volatile boolean warned;

	public TrailLog(PipelineProperties properties) {
		// with the writer (command-line tools that start no writer keep no trail); before
		// it, which announces into the trail, and stopped after it
		super("trail", properties.autoStart(), SmartLifecycle.DEFAULT_PHASE - 8192, Duration.ofSeconds(5));
		this.enabled = properties.trail().enabled();
		this.file = properties.stateDir().resolve("trail.jsonl");
	}

	/** The stages record {@code id} passed, in order; empty when none is on record. */
	public List<TrailStep> of(long id) {
		return runs.of(id);
	}

	@EventListener
	void onWritten(RecordsWritten event) {
		if (!isRunning()) {
			return;
		}
		String location = event.location().name().toLowerCase(Locale.ROOT);
		List<Long> ids = event.ids();
		forEachRun(ids.size(), i -> continues(ids, event.sources(), i), (start, end) -> {
			Source source = event.sources().get(start);
			add(new TrailEntry(TrailEntry.WRITTEN, ids.get(start), ids.get(end), event.at(), location,
					source.kind().name().toLowerCase(Locale.ROOT), source.file(), source.line(), null));
		});
	}

	@EventListener
	void onSpoolMoved(SpoolMoved event) {
		if (isRunning()) {
			runsOf(TrailEntry.UNSPOOLED, event.ids(), event.at());
		}
	}

	@EventListener
	void onMirrorChanged(MirrorChanged change) {
		if (isRunning() && !change.inserted().isEmpty()) {
			runsOf(TrailEntry.DATABASE, change.inserted().stream().map(StoredCampaign::id).toList(), Instant.now());
		}
	}

	@EventListener
	void onExport(ExportWritten export) {
		if (isRunning()) {
			add(new TrailEntry(TrailEntry.EXPORT, null, null, export.finished(), null, null, null, null,
					export.started()));
		}
	}

	/** Whether record {@code i} continues the run of the one before it. */
	private static boolean continues(List<Long> ids, List<Source> sources, int i) {
		Source before = sources.get(i - 1);
		Source now = sources.get(i);
		return ids.get(i) == ids.get(i - 1) + 1 && before.kind() == now.kind()
				&& java.util.Objects.equals(before.file(), now.file())
				&& (now.line() == null || before.line() != null && now.line() == before.line() + 1);
	}

	private void runsOf(String stage, List<Long> ids, Instant at) {
		List<Long> sorted = new ArrayList<>(ids);
		sorted.sort(null);
		forEachRun(sorted.size(), i -> sorted.get(i) == sorted.get(i - 1) + 1, (start, end) -> add(
				new TrailEntry(stage, sorted.get(start), sorted.get(end), at, null, null, null, null, null)));
	}

	/**
	 * Cuts {@code size} items into runs: item {@code i} joins the run of the one before
	 * it when {@code continues} says so; each run is passed as its first and last index.
	 */
	private static void forEachRun(int size, IntPredicate continues, BiConsumer<Integer, Integer> run) {
		int start = 0;
		for (int i = 1; i <= size; i++) {
			if (i == size || !continues.test(i)) {
				run.accept(start, i - 1);
				start = i;
			}
		}
	}

	private void add(TrailEntry entry) {
		runs.add(entry);
		if (!waiting.offer(entry) && !warned) {
			warned = true;
			log.warn("record trails: {} entries wait for {}; later ones are kept in memory only until a restart",
					MAX_WAITING, file);
		}
	}

	@Override
	protected boolean prepare() {
		if (!enabled) {
			return false;
		}
		try {
			Files.createDirectories(file.getParent());
			load();
		}
		catch (IOException ex) {
			log.warn("record trails: cannot read {} ({}); trails start empty", file, ex.toString());
		}
		return true;
	}

	private void load() throws IOException {
		if (!Files.exists(file)) {
			return;
		}
		endWithNewline();
		int skipped = 0;
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				try {
					runs.add(JSON.readValue(line, TrailEntry.class));
				}
				catch (JacksonException ex) {
					skipped++; // a line a crash cut short
				}
			}
		}
		log.info("record trails: {} entries read from {}{}", runs.size(), file,
				skipped == 0 ? "" : " (" + skipped + " unreadable lines skipped)");
	}

	/**
	 * Appends what waits, forcing the file to disk at most once a second. A write that
	 * fails (a full disk) is tried again every few seconds with what waits meanwhile;
	 * nothing is dropped from memory.
	 */
	@Override
	protected void loop() {
		// written but not yet forced: written again after a failure (a line twice is
		// harmless, the same run is taken once)
		List<TrailEntry> unforced = new ArrayList<>();
		while (isRunning() || !waiting.isEmpty() || !unforced.isEmpty()) {
			try (FileOutputStream stream = new FileOutputStream(file.toFile(), true);
					OutputStream out = new BufferedOutputStream(stream, 64 * 1024)) {
				for (TrailEntry again : unforced) {
					write(out, again);
				}
				long lastForce = System.nanoTime();
				while (isRunning() || !waiting.isEmpty() || !unforced.isEmpty()) {
					TrailEntry entry = null;
					try {
						entry = waiting.poll(200, TimeUnit.MILLISECONDS);
					}
					catch (InterruptedException ex) {
						// stopping: write what waits, then end
					}
					for (; entry != null; entry = waiting.poll()) {
						write(out, entry);
						unforced.add(entry);
					}
					if (!unforced.isEmpty()
							&& (!isRunning() || System.nanoTime() - lastForce > TimeUnit.SECONDS.toNanos(1))) {
						out.flush();
						stream.getFD().sync();
						lastForce = System.nanoTime();
						unforced.clear();
					}
				}
			}
			catch (IOException ex) {
				log.warn("record trails: cannot write {} ({}); trying again in 5 s", file, ex.toString());
				if (!isRunning()) {
					return; // stopping: what is unwritten stays in memory only
				}
				try {
					Thread.sleep(5_000);
				}
				catch (InterruptedException stop) {
					return;
				}
			}
		}
	}

	/**
	 * A line a crash cut short stays alone on its line: the next entry starts a new one.
	 */
	private void endWithNewline() throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = channel.size();
			ByteBuffer last = ByteBuffer.allocate(1);
			if (size > 0 && channel.read(last, size - 1) == 1 && last.get(0) != '\n') {
				channel.write(ByteBuffer.wrap(new byte[] { '\n' }), size);
				channel.force(true);
			}
		}
	}

	private static void write(OutputStream out, TrailEntry entry) throws IOException {
		out.write(JSON.writeValueAsBytes(entry));
		out.write('\n');
	}

}
