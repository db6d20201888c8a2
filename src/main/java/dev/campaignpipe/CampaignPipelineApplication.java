package dev.campaignpipe;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The application: every stage's components, found by scanning. The jar starts through
 * {@code cli.Main}, which also runs the command-line tools; this {@code main} only
 * serves.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignPipelineApplication {

	public static void main(String[] args) {
		SpringApplication.run(CampaignPipelineApplication.class, args);
	}

}
