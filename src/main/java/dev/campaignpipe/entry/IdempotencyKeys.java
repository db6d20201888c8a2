package dev.campaignpipe.entry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.campaignpipe.common.Durable;
import dev.campaignpipe.config.PipelineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} of {@code POST /api/campaigns} (SPEC §15): the answer to the
 * first request with a key is kept for {@link #KEEP} and given again to every retry with
 * the same key and body, so a retried submission never makes a second record. A retry
 * that arrives while the first is still being stored waits for its answer. Answers are
 * appended to {@code state/idempotency-keys.jsonl} and fsync'd before the client gets
 * them, so they survive a restart; only acknowledged submissions are kept (a 400 or a 503
 * stored nothing, and its retry is tried anew). In cluster mode this node's file answers
 * its own retries at once; a key first used on another node is found in the log
 * ({@code CampaignQueue.submitOnce}).
 */
@Component
class IdempotencyKeys implements DisposableBean {

	static final Duration KEEP = Duration.ofHours(24);

	static final int MAX_KEY_LENGTH = 255;

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();

	private final Path file;

	private final Clock clock;

	private final Duration wait;

	private FileChannel channel;

	/**
	 * A kept answer.
	 *
	 * @param fingerprint SHA-256 of the request body it answered
	 * @param body the {@code 201} body, as sent
	 */
	record Answer(String key, String fingerprint, long campaignId, String body, Instant at) {
	}

	/** What a request with a key gets. */
	sealed interface Claim permits First, Replay, Conflict, Busy {

	}

	/**
	 * The first request with this key: store, then {@link #remember} or {@link #forget}.
	 */
	record First(String key, String fingerprint, CompletableFuture<Answer> pending) implements Claim {
	}

	/** A retry: the first request's answer. */
	record Replay(Answer answer) implements Claim {
	}

	/** The key was used with another body. */
	record Conflict(String key) implements Claim {
	}

	/** The first request with the key is still being stored after a long wait. */
	record Busy(String key) implements Claim {
	}

	IdempotencyKeys(PipelineProperties properties, Clock clock) {
		this.file = properties.stateDir().resolve("idempotency-keys.jsonl");
		this.clock = clock;
		this.wait = properties.csv().ackTimeout().plus(properties.kafka().deliveryTimeout());
		load();
	}

	/** Why a key is not acceptable, or {@code null}. */
	static String problem(String key) {
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
			return "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters";
		}
		if (!key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			return "Idempotency-Key must be printable ASCII without spaces";
		}
		return null;
	}

	Claim claim(String key, byte[] body) {
		String fingerprint = fingerprint(body);
		while (true) {
			CompletableFuture<Answer> mine = new CompletableFuture<>();
			CompletableFuture<Answer> earlier = answers.putIfAbsent(key, mine);
			if (earlier == null) {
				return new First(key, fingerprint, mine);
			}
			Answer answer;
			try {
				answer = earlier.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				continue; // the first attempt stored nothing and was forgotten: try anew
			}
			catch (TimeoutException ex) {
				return new Busy(key);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Busy(key);
			}
			if (answer.at().plus(KEEP).isBefore(clock.instant())) {
				answers.remove(key, earlier);
				continue;
			}
			return answer.fingerprint().equals(fingerprint) ? new Replay(answer) : new Conflict(key);
		}
	}

	/** Keeps the first request's answer, durably, before it is sent. */
	void remember(First first, long campaignId, String body) {
		Answer answer = new Answer(first.key(), first.fingerprint(), campaignId, body, clock.instant());
		try {
			append(answer);
		}
		catch (IOException ex) {
			// the record is stored; only a retry after a restart would not find the key
			log.warn("could not keep the answer for Idempotency-Key {}: {}", first.key(), ex.toString());
		}
		first.pending().complete(answer);
	}

	/** The first request stored nothing: a retry is tried anew. */
	void forget(First first, Throwable why) {
		answers.remove(first.key(), first.pending());
		first.pending().completeExceptionally(why);
	}

	private synchronized void append(Answer answer) throws IOException {
		if (channel == null) {
			Files.createDirectories(file.getParent());
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND);
		}
		byte[] line = (JSON.writeValueAsString(answer) + "\n").getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.wrap(line);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
		channel.force(false);
	}

	/**
	 * Reads the kept answers younger than {@link #KEEP} and rewrites the file with them.
	 */
	private void load() {
		Instant oldest = clock.instant().minus(KEEP);
		StringBuilder kept = new StringBuilder();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				Answer answer;
				try {
					answer = JSON.readValue(line, Answer.class);
				}
				catch (RuntimeException ex) {
					continue; // a line torn by a crash mid-append
				}
				if (answer.at().isAfter(oldest)) {
					answers.put(answer.key(), CompletableFuture.completedFuture(answer));
					kept.append(line).append('\n');
				}
			}
		}
		catch (NoSuchFileException ex) {
			return;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		try {
			Path fresh = Durable.newReplacementFile(file.getParent(), file);
			try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.WRITE)) {
				out.write(ByteBuffer.wrap(kept.toString().getBytes(StandardCharsets.UTF_8)));
				out.force(false);
			}
			Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			Durable.syncDirectory(file.getParent());
		}
		catch (IOException ex) {
			log.warn("could not drop expired Idempotency-Keys from {}: {}", file, ex.toString());
		}
	}

	static String fingerprint(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public synchronized void destroy() throws IOException {
		if (channel != null) {
			channel.close();
		}
	}

}
