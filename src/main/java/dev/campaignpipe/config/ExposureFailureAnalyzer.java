package dev.campaignpipe.config;

import dev.campaignpipe.config.ExposureCheck.ExposedWithoutLoginException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused exposed start into Spring Boot's "APPLICATION FAILED TO START" report:
 * what is wrong and what to set, without a stack trace.
 */
class ExposureFailureAnalyzer extends AbstractFailureAnalyzer<ExposedWithoutLoginException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ExposedWithoutLoginException cause) {
		return new FailureAnalysis(
				"The server would listen on " + cause.address()
						+ ", where other machines can reach it, and no login is set: anyone on the network could read"
						+ " and change the records.",
				"Set a password (--pipeline.security.password=... or PIPELINE_SECURITY_PASSWORD) to turn the login on,"
						+ " or listen on this machine only (--server.address=127.0.0.1). docs/security.md explains how to"
						+ " expose the server safely.",
				cause);
	}

}
