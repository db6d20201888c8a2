package dev.campaignpipe.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.campaignpipe.campaign.Campaign;

/**
 * Reads the mirror on a thread of its own while the caller appends to the replica: a
 * build takes about as long as the slower of the two instead of their sum. At most a few
 * thousand records wait between them.
 */
final class ReadAhead {

	private static final int BATCH = 5_000;

	private static final int BATCHES = 4;

	private record Row(long id, Campaign campaign) {
	}

	/** The end of the rows (an empty batch). */
	private static final List<Row> END = new ArrayList<>(0);

	private ReadAhead() {
	}

	/**
	 * Calls {@code consumer} with every record {@code source} gives, on the calling
	 * thread, while {@code source} runs on another.
	 */
	static void run(Consumer<BiConsumer<Long, Campaign>> source, BiConsumer<Long, Campaign> consumer) {
		BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(BATCHES);
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		Thread reader = new Thread(() -> {
			List<Row> batch = new ArrayList<>(BATCH);
			try {
				source.accept((id, campaign) -> {
					batch.add(new Row(id, campaign));
					if (batch.size() == BATCH) {
						put(queue, List.copyOf(batch));
						batch.clear();
					}
				});
				if (!batch.isEmpty()) {
					put(queue, List.copyOf(batch));
				}
			}
			catch (RuntimeException ex) {
				failure.set(ex);
			}
			finally {
				put(queue, END);
			}
		}, "analytics-replica-read");
		reader.setDaemon(true);
		reader.start();
		try {
			for (List<Row> batch = queue.take(); batch != END; batch = queue.take()) {
				batch.forEach(row -> consumer.accept(row.id(), row.campaign()));
			}
		}
		catch (InterruptedException ex) {
			reader.interrupt();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while building the replica", ex);
		}
		catch (RuntimeException ex) {
			reader.interrupt(); // the consumer failed: stop reading
			throw ex;
		}
		if (failure.get() != null) {
			throw failure.get();
		}
	}

	private static void put(BlockingQueue<List<Row>> queue, List<Row> batch) {
		try {
			queue.put(batch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading the mirror", ex);
		}
	}

}
