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

	static {
		// H2 keeps a cache of recent values to share equal ones, hashing every string it
		// reads or writes; without it the replica read the embedded mirror's million
		// records
		// in 3.4 s instead of 4.9 s (docs/benchmarks.md §6). Read once, when H2 first
		// loads;
		// a -Dh2.objectCache given on the command line wins.
		if (System.getProperty("h2.objectCache") == null) {
			System.setProperty("h2.objectCache", "false");
		}
	}

	public static void main(String[] args) {
		SpringApplication.run(CampaignPipelineApplication.class, args);
	}

}
