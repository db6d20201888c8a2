package dev.campaignpipe.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.sync.Reconciliation;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code verify}: do campaigns.csv and the database agree? Exit code 0 if they do, 1 if
 * not.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
		description = { "Reconcile campaigns.csv with the database: row counts, sums of impressions, clicks,",
				"conversions and ad_spend, and ids present on one side only. Exits 1 on any difference." })
final class VerifyCommand implements Callable<Integer> {

	@Unmatched
	List<String> settings = new ArrayList<>();

	@Override
	public Integer call() throws Exception {
		try (ConfigurableApplicationContext context = ToolContext.open(settings)) {
			PipelineProperties properties = context.getBean(PipelineProperties.class);
			Reconciliation.Result result = context.getBean(Reconciliation.class).run(properties.csvPath());
			System.out.print(result.report());
			return result.matches() ? 0 : 1;
		}
	}

}
