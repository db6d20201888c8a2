package dev.campaignpipe.analytics;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open dashboards that new data is queryable, over Server-Sent Events: at most one
 * {@code changed} event per half second however fast records arrive (a page refetches on
 * each), a heartbeat comment every 15 s so proxies keep the stream open, and every
 * emitter dropped when it completes, times out or fails.
 */
@Component
class ReplicaEvents implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReplicaEvents.class);

	private static final long TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(30);

	private static final long TICK_MILLIS = 500;

	/** How soon a page's EventSource reconnects after the stream ends. */
	private static final long RECONNECT_MILLIS = 3000;

	private static final long HEARTBEAT_TICKS = 30;

	private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	private final AtomicLong version = new AtomicLong();

	private final AtomicLong records = new AtomicLong();

	private volatile ScheduledExecutorService ticker;

	private long sent;

	private long ticks;

	SseEmitter subscribe() {
		return subscribe(new SseEmitter(TIMEOUT_MILLIS));
	}

	/** Registers this emitter (tests hand in their own). */
	SseEmitter subscribe(SseEmitter emitter) {
		emitter.onCompletion(() -> emitters.remove(emitter));
		emitter.onTimeout(() -> emitters.remove(emitter));
		emitter.onError(ex -> emitters.remove(emitter));
		try {
			// sent at once so the response starts now: a page learns it is connected
			// (EventSource "open") without waiting for the first change or heartbeat
			emitter.send(SseEmitter.event().comment("connected").reconnectTime(RECONNECT_MILLIS));
		}
		catch (IOException ex) {
			emitter.completeWithError(ex);
			return emitter;
		}
		emitters.add(emitter);
		return emitter;
	}

	@EventListener
	void onUpdated(ReplicaUpdated updated) {
		records.set(updated.records());
		version.incrementAndGet();
	}

	/**
	 * Runs on the ticker thread only. Throws nothing: a scheduled task that throws is
	 * never run again, and every open page would stop hearing of new data for good.
	 */
	private void tick() {
		try {
			announce();
		}
		catch (RuntimeException ex) {
			log.warn("announcing new data to open dashboards: {}", ex.toString());
		}
	}

	private void announce() {
		long now = version.get();
		if (now != sent) {
			sent = now;
			send(SseEmitter.event()
				.name("changed")
				.data(new ReplicaUpdated(records.get()), MediaType.APPLICATION_JSON));
		}
		else if (++ticks % HEARTBEAT_TICKS == 0) {
			send(SseEmitter.event().comment("heartbeat"));
		}
	}

	private void send(SseEmitter.SseEventBuilder event) {
		for (SseEmitter emitter : emitters) {
			try {
				emitter.send(event);
			}
			catch (IOException | RuntimeException ex) {
				emitters.remove(emitter); // the page went away
				endQuietly(emitter, ex);
			}
		}
	}

	/**
	 * Ends a failed stream. The container may be ending it at the same moment (the page
	 * closed), and then refuses with an {@link IllegalStateException}: it is gone either
	 * way.
	 */
	private static void endQuietly(SseEmitter emitter, Exception cause) {
		try {
			emitter.completeWithError(cause);
		}
		catch (RuntimeException ex) {
			log.debug("ending a dashboard's event stream: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		ticker = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "analytics-events");
			t.setDaemon(true);
			return t;
		});
		ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService t = ticker;
		ticker = null;
		if (t != null) {
			t.shutdownNow();
		}
		emitters.forEach(SseEmitter::complete);
		emitters.clear();
	}

	@Override
	public boolean isRunning() {
		return ticker != null;
	}

}
