package dev.campaignpipe.csvfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Tells whether the CSV is still the file the checkpoint was taken on. A new file id
 * (Excel saves by writing a new file and renaming it over the old one), a shorter file,
 * or different bytes at the start or just before the checkpoint all mean it was replaced
 * or rewritten.
 */
public final class FileFingerprint {

	static final int WINDOW = 4096;

	private FileFingerprint() {
	}

	public static String fileKey(Path file) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
		Object key = attributes.fileKey();
		return key != null ? key.toString() : "created=" + attributes.creationTime().toMillis();
	}

	/** Hash of the first bytes already loaded: stable while the file only grows. */
	public static String head(Path file, long loaded) throws IOException {
		return hash(file, 0, Math.min(loaded, WINDOW));
	}

	/** Hash of the bytes just before the checkpoint. */
	public static String tail(Path file, long loaded) throws IOException {
		return hash(file, Math.max(0, loaded - WINDOW), loaded);
	}

	/** What a reader remembers of the file it has read up to {@code offset}. */
	public record Mark(String fileKey, long offset, String head, String tail) {

		/** Takes the mark of {@code file} as read up to {@code offset}. */
		public static Mark of(Path file, long offset) throws IOException {
			return new Mark(FileFingerprint.fileKey(file), offset, FileFingerprint.head(file, offset),
					FileFingerprint.tail(file, offset));
		}

		/**
		 * Whether {@code file} is still the file this mark was taken on, grown at most.
		 */
		public boolean matches(Path file) throws IOException {
			return FileFingerprint.matches(file, this, FileFingerprint.fileKey(file), Files.size(file));
		}

	}

	/**
	 * Whether {@code file}, whose identity and size were just read, is still the file
	 * {@code mark} was taken on, grown at most.
	 */
	public static boolean matches(Path file, Mark mark, String fileKey, long size) throws IOException {
		long loaded = mark.offset();
		return fileKey.equals(mark.fileKey()) && size >= loaded && head(file, loaded).equals(mark.head())
				&& tail(file, loaded).equals(mark.tail());
	}

	private static String hash(Path file, long from, long to) throws IOException {
		try (FileChannel channel = FileChannel.open(file)) {
			ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
			while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
				// fill the window
			}
			return LineConverter.sha256(buffer.array(), buffer.position());
		}
	}

}
