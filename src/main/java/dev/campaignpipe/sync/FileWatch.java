package dev.campaignpipe.sync;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Notices changes made to the CSV by other programs (Excel saving it) within moments,
 * through the operating system's file watch. Where no watch is available the sync's
 * polling still finds them.
 */
final class FileWatch {

	private final Path file;

	private final Runnable onChange;

	private volatile WatchService service;

	FileWatch(Path file, Runnable onChange) {
		this.file = file.toAbsolutePath();
		this.onChange = onChange;
	}

	void start() {
		try {
			java.nio.file.Files.createDirectories(file.getParent());
			WatchService watch = FileSystems.getDefault().newWatchService();
			file.getParent()
				.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
			service = watch;
			Thread thread = new Thread(this::loop, "csv-watch");
			thread.setDaemon(true);
			thread.start();
		}
		catch (IOException | UnsupportedOperationException ex) {
			service = null; // polling only
		}
	}

	private void loop() {
		try {
			while (true) {
				WatchKey key = service.take();
				boolean ours = key.pollEvents().stream().anyMatch(e -> file.getFileName().equals(e.context()));
				if (ours) {
					onChange.run();
				}
				key.reset();
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			// stopped
		}
	}

	void stop() {
		try {
			if (service != null) {
				service.close();
			}
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
