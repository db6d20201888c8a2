package dev.campaignpipe.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import dev.campaignpipe.config.PipelineProperties;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Proof that a hand-over of a server-side path ({@code POST /api/imports}) comes from
 * someone who may read this machine's data folder: a random secret the server writes to
 * {@code state/handover.token} (readable by its owner only) when it starts, which the
 * command line reads and sends back in {@value #HEADER}. Required while the login is on:
 * a caller's address alone is no proof, since behind a reverse proxy on the same machine
 * every request comes from loopback.
 */
@Component
public class HandOverToken {

	/** The request header that carries the token. */
	public static final String HEADER = "X-Handover-Token";

	static final String FILE = "handover.token";

	private final byte[] token;

	private final Path file;

	HandOverToken(PipelineProperties properties) {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
		this.file = properties.stateDir().resolve(FILE);
	}

	/**
	 * Written once the server listens — not by the command line's own in-process runs,
	 * which take no hand-overs.
	 */
	@EventListener(WebServerInitializedEvent.class)
	void serverStarted() {
		write(file, new String(token, StandardCharsets.US_ASCII));
	}

	private static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Path tmp = file.resolveSibling(FILE + ".new");
			Files.deleteIfExists(tmp);
			try {
				Files.createFile(tmp,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(tmp); // no POSIX permissions (Windows): the folder's own
			}
			Files.writeString(tmp, text, StandardCharsets.US_ASCII);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the hand-over token " + file, ex);
		}
	}

	/** Whether a request's header value is this server's token (in constant time). */
	boolean matches(String header) {
		return header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.US_ASCII));
	}

	/** The running server's token as the command line reads it, or {@code null}. */
	public static String read(Path stateDir) {
		try {
			return Files.readString(stateDir.resolve(FILE), StandardCharsets.US_ASCII).strip();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
