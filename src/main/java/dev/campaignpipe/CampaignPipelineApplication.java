package dev.campaignpipe;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignPipelineApplication {

	public static void main(String[] args) {
		SpringApplication.run(CampaignPipelineApplication.class, args);
	}

}
