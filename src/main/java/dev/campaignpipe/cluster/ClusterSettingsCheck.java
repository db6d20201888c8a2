package dev.campaignpipe.cluster;

import java.util.EnumSet;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.config.PipelineProperties.Role;

import org.springframework.stereotype.Component;

/**
 * Refuses to start with roles and queue settings that cannot work together (SPEC §15),
 * naming the setting to change, instead of a node that silently does nothing.
 */
@Component
class ClusterSettingsCheck {

	ClusterSettingsCheck(PipelineProperties properties) {
		String problem = problem(properties);
		if (problem != null) {
			throw new IllegalStateException(problem);
		}
	}

	/** What is wrong with the settings, or {@code null}. */
	static String problem(PipelineProperties properties) {
		if (!properties.clustered()) {
			if (!properties.roles().containsAll(EnumSet.allOf(Role.class))) {
				return "pipeline.roles=" + properties.roles()
						+ " needs cluster mode (pipeline.queue.kind=kafka): on one machine the process plays every role";
			}
			return null;
		}
		String servers = properties.kafka().bootstrapServers();
		if (servers == null || servers.isBlank()) {
			return "pipeline.queue.kind=kafka needs pipeline.kafka.bootstrap-servers (host:port of the brokers)";
		}
		// the export copies what the CSV writer of the same node writes
		if (properties.runs(Role.EXPORT) && !properties.runs(Role.CSV)) {
			return "pipeline.roles: the export role copies this node's campaigns.csv; add the csv role to this node";
		}
		if (properties.runs(Role.DASHBOARD) && !properties.runs(Role.DATABASE)) {
			return "pipeline.roles: the dashboard follows this node's database mirror; add the database role";
		}
		return null;
	}

}
