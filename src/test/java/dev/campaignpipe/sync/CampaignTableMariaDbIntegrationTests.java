package dev.campaignpipe.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.config.PipelineProperties;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.csvfile.CsvLine;
import dev.campaignpipe.csvfile.FileFingerprint;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.csvfile.SyncedRow;
import dev.campaignpipe.support.MariaDb;
import dev.campaignpipe.support.TestProperties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk path of the mirror on a real MariaDB: rows inserted through LOAD DATA LOCAL
 * INFILE read back exactly as batched INSERTs would store them, and a load the server
 * would silently adjust is not accepted.
 */
class CampaignTableMariaDbIntegrationTests {

	private CampaignTable table;

	private SingleConnectionDataSource dataSource;

	private JdbcTemplate jdbc;

	private TransactionTemplate transactions;

	@BeforeEach
	void database() {
		dataSource = new SingleConnectionDataSource(MariaDb.newDatabase("bulk_it"), "root", "", true);
		Flyway.configure().dataSource(dataSource).load().migrate();
		jdbc = new JdbcTemplate(dataSource);
		table = new CampaignTable(jdbc);
		transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	private static SyncedRow row(long id, String company, String spend, String revenue, long clicks, String flag) {
		Campaign campaign = new Campaign(company, "Winter Deals", "Sales", "Google", "Video", LocalDate.of(2024, 2, 29),
				10_000, clicks, clicks / 10, new BigDecimal(spend), "Mobile", "Germany", "New Users",
				revenue == null ? null : new BigDecimal(revenue), flag);
		StoredCampaign stored = StoredCampaign.of(id, campaign);
		return new SyncedRow(stored, LineConverter.hash(stored), new CsvLine(id * 100, id + 1, "line " + id));
	}

	@Test
	void bulkLoadedRowsReadBackExactlyWithAwkwardTextAndNulls() {
		String[] companies = { "AC\\DC", "\\N", "Müller & Söhne 🚀", "Say \"hi\", then go", "'=1+1", "NULL",
				"" + "x".repeat(400) };
		List<SyncedRow> rows = new ArrayList<>();
		for (int i = 1; i <= 700; i++) {
			rows.add(row(i, companies[i % companies.length], (i % 50) + ".5" + (i % 10), i % 3 == 0 ? null : "1234.56",
					i % 4 == 0 ? 0 : 100 + i, i % 5 == 0 ? "kept on import: ad_spend" : ""));
		}
		Boolean loaded = transactions.execute(tx -> jdbc
			.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) con -> new LocalInfileLoad().load(con,
					rows, 7)));
		assertThat(loaded).as("taken by LOAD DATA, not the INSERT fallback").isTrue();

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + CampaignTable.TABLE, Long.class)).isEqualTo(700);
		for (SyncedRow row : rows) {
			StoredCampaign stored = table.find(row.stored().id()).orElseThrow();
			assertThat(stored).as("campaign %d", row.stored().id()).isEqualTo(row.stored());
		}
		assertThat(jdbc.queryForList("SELECT row_hash, source_generation, source_offset, cost_per_click, revenue FROM "
				+ CampaignTable.TABLE + " WHERE campaign_id = 12"))
			.singleElement()
			.satisfies(r -> {
				assertThat(r.get("row_hash")).isEqualTo(rows.get(11).hash());
				assertThat(((Number) r.get("source_generation")).longValue()).isEqualTo(7);
				assertThat(((Number) r.get("source_offset")).longValue()).isEqualTo(1200);
				assertThat(r.get("cost_per_click")).as("zero clicks: no cost per click").isNull();
				assertThat(r.get("revenue")).isNull();
			});
		assertThat(jdbc.queryForObject("SELECT campaign_company FROM " + CampaignTable.TABLE + " WHERE campaign_id = 1",
				String.class))
			.isEqualTo("\\N");
	}

	@Test
	void aValueTheServerWouldTruncateIsNotLoadedSilently() {
		List<SyncedRow> rows = new ArrayList<>();
		for (int i = 1; i <= 300; i++) {
			rows.add(row(i, i == 150 ? "y".repeat(401) : "Brand " + i, "10.00", null, 50, i == 150 ? "too long" : ""));
		}
		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> table.insert(rows, 0)))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("campaign_company");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + CampaignTable.TABLE, Long.class))
			.as("the whole batch rolled back, nothing truncated to 400 characters")
			.isZero();
	}

	@Test
	void aServerThatRefusesLocalFilesGetsBatchedInserts() {
		List<SyncedRow> rows = new ArrayList<>();
		for (int i = 1; i <= 300; i++) {
			rows.add(row(i, "Brand " + i, "10.00", null, 50, ""));
		}
		jdbc.execute("SET GLOBAL local_infile = OFF"); // a new connection would see it;
														// this one too
		try {
			LocalInfileLoad load = new LocalInfileLoad();
			Boolean loaded = transactions.execute(tx -> jdbc
				.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) con -> load.load(con, rows, 0)));
			assertThat(loaded).as("refused by the server").isFalse();
			transactions.executeWithoutResult(tx -> table.insert(rows, 0));
		}
		finally {
			jdbc.execute("SET GLOBAL local_infile = ON");
		}
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + CampaignTable.TABLE, Long.class)).isEqualTo(300);
	}

	@Test
	void aKeptRowTooLongForTheTableIsQuarantinedAndTheRestOfTheBatchLoads(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("campaigns.csv");
		StringBuilder text = new StringBuilder(new String(CsvFormat.header(), StandardCharsets.UTF_8));
		for (int i = 1; i <= 150; i++) {
			String company = i == 70 ? "z".repeat(450) : "Brand " + i;
			String flag = i == 70 ? "kept on import: campaign_company is longer than 100 characters" : "";
			text.append(i)
				.append(',')
				.append(company)
				.append(",Winter Deals,Sales,Google,Video,2024-03-01,1000,10,1,")
				.append("5.00,Mobile,Germany,New Users,,,,,,,,,,,9,3,,,,2024,1,2024,")
				.append(flag)
				.append("\r\n");
		}
		Files.writeString(csv, text, StandardCharsets.UTF_8);
		PipelineProperties properties = TestProperties.load(dir);
		Categories categories = new Categories(properties.categories());
		CheckpointStore checkpoints = new CheckpointStore(jdbc);
		SyncBatch batch = new SyncBatch(table, new QuarantineTable(jdbc), checkpoints, new LogPositionStore(jdbc),
				new DataSourceTransactionManager(dataSource),
				new LineConverter(new CampaignValidator(categories, Clock.systemUTC()), DateInput.ISO_OR_DAY_FIRST));

		SyncBatch.Prepared prepared = batch.prepare(csv, Checkpoint.initial(), FileFingerprint.fileKey(csv), 10_000);
		SyncBatch.Outcome outcome = batch.commit(prepared, false, checkpoints.load());

		assertThat(outcome.rows()).isEqualTo(149);
		assertThat(outcome.quarantineCount()).isEqualTo(1);
		assertThat(jdbc.queryForMap("SELECT campaign_id, line_number, reason FROM pipeline_quarantine"))
			.containsEntry("reason", "campaign_company is 450 characters long; the database column holds at most 400")
			.satisfies(q -> assertThat(((Number) q.get("campaign_id")).longValue()).isEqualTo(70))
			.satisfies(q -> assertThat(((Number) q.get("line_number")).longValue()).isEqualTo(71));
		assertThat(table.find(70)).isEmpty();
		assertThat(table.find(71)).isPresent();
	}

}
