package dev.campaignpipe.analytics;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "new data" announcements to open dashboards: each page hears of every change, and a
 * page that went away (its stream fails, and ending it fails too, as the container does
 * when it is ending the stream at the same moment) is dropped without silencing the rest.
 */
class ReplicaEventsTests {

	private final ReplicaEvents events = new ReplicaEvents();

	@AfterEach
	void stop() {
		events.stop();
	}

	@Test
	void aPageThatWentAwayIsDroppedAndTheOthersHearOfEveryLaterChange() {
		RecordingEmitter page = new RecordingEmitter(Integer.MAX_VALUE);
		RecordingEmitter closed = new RecordingEmitter(1); // its "connected" gets through
		events.subscribe(closed);
		events.subscribe(page);
		events.start();

		events.onUpdated(new ReplicaUpdated(5));
		await("the first change announced").atMost(Duration.ofSeconds(10)).until(() -> page.announced().contains(5L));
		assertThat(closed.failures.get()).as("the closed page's stream failed").isEqualTo(1);

		events.onUpdated(new ReplicaUpdated(7));
		await("a later change still announced").atMost(Duration.ofSeconds(10))
			.until(() -> page.announced().contains(7L));
		assertThat(closed.failures.get()).as("dropped after its failure: never written to again").isEqualTo(1);
	}

	/**
	 * An emitter without a container: keeps what it is sent, and after {@code working}
	 * sends fails the way a closed connection does.
	 */
	private static final class RecordingEmitter extends SseEmitter {

		private final int working;

		private final List<Object> sent = new CopyOnWriteArrayList<>();

		private final AtomicInteger failures = new AtomicInteger();

		RecordingEmitter(int working) {
			this.working = working;
		}

		@Override
		public void send(SseEventBuilder builder) throws IOException {
			if (sent.size() >= working) {
				failures.incrementAndGet();
				throw new IOException("Broken pipe");
			}
			for (ResponseBodyEmitter.DataWithMediaType item : builder.build()) {
				sent.add(item.getData());
			}
		}

		@Override
		public void completeWithError(Throwable ex) {
			throw new IllegalStateException("the container is ending this stream already");
		}

		List<Long> announced() {
			return sent.stream()
				.filter(ReplicaUpdated.class::isInstance)
				.map(data -> ((ReplicaUpdated) data).records())
				.toList();
		}

	}

}
