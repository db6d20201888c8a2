package dev.campaignpipe.sync;

import java.nio.file.Path;
import java.util.List;

import dev.campaignpipe.support.Database;

/** The mirror on the default embedded H2 database (a file under the data folder). */
class SyncH2IntegrationTests extends SyncScenarios {

	@Override
	List<String> databaseArgs(Path dataDir) {
		return List.of(); // the default: nothing to install
	}

	@Override
	Database database(Path dataDir) {
		// the same settings as application.yml; AUTO_SERVER lets this second process in
		return Database.embedded(dataDir);
	}

}
