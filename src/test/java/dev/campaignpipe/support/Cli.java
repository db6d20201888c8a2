package dev.campaignpipe.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar's command line as a user would, capturing what it prints. */
public final class Cli {

	/** Exit code and combined output of one command. */
	public record Run(int exitCode, String output) {
	}

	private Cli() {
	}

	public static Run run(String... args) throws IOException, InterruptedException {
		return runIn(Path.of("."), args);
	}

	/**
	 * Runs the command with {@code workingDirectory} as its current folder, as a user in
	 * another folder would.
	 */
	public static Run runIn(Path workingDirectory, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
						ChildApp.jar().toAbsolutePath().toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("command did not finish: " + String.join(" ", args) + "\n" + output);
		}
		return new Run(process.exitValue(), output);
	}

}
