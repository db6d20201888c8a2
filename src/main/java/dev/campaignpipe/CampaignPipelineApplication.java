package dev.campaignpipe;

import dev.campaignpipe.cli.Cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignPipelineApplication {

	public static void main(String[] args) {
		if (Cli.isCommand(args)) {
			System.exit(Cli.run(args)); // import, verify, --help
		}
		SpringApplication.run(CampaignPipelineApplication.class, args);
	}

}
