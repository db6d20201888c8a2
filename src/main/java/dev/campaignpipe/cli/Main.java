package dev.campaignpipe.cli;

import dev.campaignpipe.CampaignPipelineApplication;

import org.springframework.boot.SpringApplication;

/**
 * The jar's entry point: {@code java -jar campaign-pipeline.jar} serves; {@code import},
 * {@code verify} and {@code --help} run as command-line tools. It lives here rather than
 * on the application class so that the application does not depend on its own command
 * line.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) {
		if (Cli.isCommand(args)) {
			System.exit(Cli.run(args));
		}
		SpringApplication.run(CampaignPipelineApplication.class, args);
	}

}
