package dev.campaignpipe.cli;

import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The command line: {@code java -jar <jar>} serves; {@code import} and {@code verify} are
 * tools (SPEC §10). Any {@code --name=value} setting after a command configures it like
 * the server.
 */
@Command(name = "java -jar campaign-pipeline.jar", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
		description = { "Local marketing analytics pipeline.", "",
				"Without a command it serves the entry form on http://127.0.0.1:8080/ (settings as --name=value)." },
		subcommands = { ImportCommand.class, VerifyCommand.class })
public final class Cli implements Runnable {

	private static final Set<String> COMMANDS = Set.of("import", "verify", "--help", "-h", "help", "--version", "-V");

	/** Whether the arguments ask for a tool rather than the server. */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && COMMANDS.contains(args[0]);
	}

	public static int run(String[] args) {
		CommandLine commandLine = new CommandLine(new Cli());
		commandLine.addSubcommand("help", new CommandLine.HelpCommand());
		commandLine.setExecutionExceptionHandler((ex, cl, parsed) -> {
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			cl.getErr().println("error: " + (root.getMessage() != null ? root.getMessage() : root.toString()));
			return 1; // a message for people; no stack trace
		});
		return commandLine.execute(args);
	}

	@Override
	public void run() {
		new CommandLine(this).usage(System.out);
	}

	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = Cli.class.getPackage().getImplementationVersion();
			return new String[] { "campaign-pipeline " + (version == null ? "(development)" : version) };
		}

	}

}
