package dev.campaignpipe.cli;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.importer.HandOverToken;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What the command line shows the running server when it hands a file over: the token
 * from the data folder (this machine's user may import server-side paths) and, when the
 * login is on, the same credentials the server was given (docs/security.md).
 */
record ServerAccess(String token, String authorization) {

	static ServerAccess of(Environment environment) {
		// the server's own reading of the settings: the data folder, its default and all
		Path stateDir = Binder.get(environment).bindOrCreate("pipeline", PipelineProperties.class).stateDir();
		String password = environment.getProperty("pipeline.security.password");
		String authorization = null;
		if (password != null && !password.isBlank()) {
			String user = environment.getProperty("pipeline.security.username", "analyst");
			authorization = "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		}
		return new ServerAccess(HandOverToken.read(stateDir), authorization);
	}

	HttpRequest.Builder sign(HttpRequest.Builder request) {
		if (token != null) {
			request.header(HandOverToken.HEADER, token);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request;
	}

}
