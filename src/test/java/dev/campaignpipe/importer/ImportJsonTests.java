package dev.campaignpipe.importer;

import dev.campaignpipe.common.ApiErrors;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The hand-over API's JSON, field by field as the command line and scripts read it. */
class ImportJsonTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ImportSummary SUMMARY = new ImportSummary(10, 7, 1, 2, 1, 500, 1000, 1.5, true, null,
			"/data/in.rejects.csv");

	@Test
	void aJobIsWrittenWithItsSummaryFieldsInSnakeCaseAndNullsKept() {
		assertThat(JSON.writeValueAsString(ImportJobView.of(3, "/data/in.csv", SUMMARY)))
			.isEqualTo("{\"id\":3,\"file\":\"/data/in.csv\",\"finished\":true,\"read\":10,\"stored\":7,"
					+ "\"duplicates\":1,\"rejected\":2,\"flagged\":1,\"bytes_read\":500,\"total_bytes\":1000,"
					+ "\"seconds\":1.5,\"failure\":null,\"rejects_file\":\"/data/in.rejects.csv\",\"preset\":null,"
					+ "\"updated\":0,\"lines\":{}}");
	}

	@Test
	void aJobReadsBackIntoTheSameSummaryIgnoringFieldsItDoesNotKnow() {
		String json = JSON.writeValueAsString(ImportJobView.of(3, "/data/in.csv", SUMMARY));
		ImportJobView view = JSON.readValue(json.replace("{\"id\"", "{\"later\":[1],\"id\""), ImportJobView.class);
		assertThat(view.id()).isEqualTo(3);
		assertThat(view.summary()).isEqualTo(SUMMARY);
	}

	@Test
	void theCommandLineSendsThePathAndTheSettingsAsSpelledOnItsCommandLine() {
		ImportOptions options = new ImportOptions(ImportOptions.OnInvalid.KEEP_FLAGGED, ImportOptions.TakenId.REASSIGN);
		assertThat(JSON.writeValueAsString(ImportRequest.of(Path.of("/data/in.csv"), options)))
			.isEqualTo("{\"path\":\"/data/in.csv\",\"on_invalid\":\"keep-flagged\",\"reassign_ids\":true,"
					+ "\"preset\":\"auto\",\"defaults\":{}}");
		assertThat(JSON.writeValueAsString(ImportRequest.of(Path.of("/data/in.csv"), ImportOptions.standard())))
			.isEqualTo("{\"path\":\"/data/in.csv\",\"on_invalid\":\"reject\",\"reassign_ids\":false,"
					+ "\"preset\":\"auto\",\"defaults\":{}}");
		ImportOptions reading = ImportOptions.standard()
			.reading("meta-ads", java.util.Map.of("campaign-company", "Acme", "country", " "));
		assertThat(JSON.writeValueAsString(ImportRequest.of(Path.of("/data/in.csv"), reading)))
			.as("a blank default is none; field names as the record spells them")
			.isEqualTo("{\"path\":\"/data/in.csv\",\"on_invalid\":\"reject\",\"reassign_ids\":false,"
					+ "\"preset\":\"meta-ads\",\"defaults\":{\"campaign_company\":\"Acme\"}}");
		ImportRequest back = JSON.readValue(
				"{\"path\":\"/a.csv\",\"preset\":\"meta-ads\",\"defaults\":{\"campaign_company\":\"Acme\"}}",
				ImportRequest.class);
		assertThat(
				ImportController.options(back.onInvalid(), back.reassignIds()).reading(back.preset(), back.defaults()))
			.isEqualTo(reading);
	}

	/**
	 * The server reads a request forgivingly, as it did from a map: a path only as a
	 * string, reassign_ids only as true, anything unknown in on_invalid is the default.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", value = { "{\"path\":\"/a.csv\"}|/a.csv|REJECT|REJECT",
			"{\"path\":\"/a.csv\",\"on_invalid\":\"Keep_Flagged\",\"reassign_ids\":true}|/a.csv|KEEP_FLAGGED|REASSIGN",
			"{\"path\":5,\"on_invalid\":null,\"reassign_ids\":\"true\"}|-|REJECT|REJECT",
			"{\"path\":{\"p\":\"/a.csv\"},\"on_invalid\":[\"keep-flagged\"],\"reassign_ids\":1}|-|REJECT|REJECT",
			"{\"later\":1}|-|REJECT|REJECT" })
	void theServerReadsARequestAsItAlwaysDid(String json, String path, ImportOptions.OnInvalid onInvalid,
			ImportOptions.TakenId takenId) {
		ImportRequest request = JSON.readValue(json, ImportRequest.class);
		assertThat(request.path()).isEqualTo(path);
		assertThat(ImportController.options(request.onInvalid(), request.reassignIds()))
			.isEqualTo(new ImportOptions(onInvalid, takenId));
	}

	@Test
	void aRequestThatIsNoObjectIsUnreadable() {
		assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> JSON.readValue("[]", ImportRequest.class));
	}

	@Test
	void anErrorNamesTheFieldAndWhatIsWrongWithIt() {
		assertThat(JSON.writeValueAsString(ApiErrors.of("path", "path must name a readable file")))
			.isEqualTo("{\"errors\":{\"path\":\"path must name a readable file\"}}");
	}

}
