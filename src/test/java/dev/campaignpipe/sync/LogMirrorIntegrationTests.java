package dev.campaignpipe.sync;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.Categories;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.csvfile.CsvFormat;
import dev.campaignpipe.csvfile.FileFingerprint;
import dev.campaignpipe.csvfile.LineConverter;
import dev.campaignpipe.support.MariaDb;
import dev.campaignpipe.support.TestProperties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database sink of cluster mode (SPEC §15) on real databases, H2 and MariaDB: rows
 * and log position in one transaction, a batch from a stale position refused, two sinks
 * writing the same log at once storing each entry once, restatements and quarantine.
 */
class LogMirrorIntegrationTests {

	private static final String TOPIC = "campaigns";

	private final List<MirrorChanged> published = Collections.synchronizedList(new ArrayList<>());

	private JdbcTemplate jdbc;

	private LogMirror mirror;

	private MirrorReader reader;

	private QuarantineTable quarantine;

	private static int databases;

	private void open(String kind) {
		String url = "h2".equals(kind) ? "jdbc:h2:mem:log_mirror_" + (++databases)
				+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
				+ "CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=DATE,MONTH,YEAR,QUARTER,VALUE;DB_CLOSE_DELAY=-1"
				: MariaDb.newDatabase("log_mirror");
		DataSource dataSource = new DriverManagerDataSource(url, "h2".equals(kind) ? "sa" : "root", "");
		Flyway.configure().dataSource(dataSource).load().migrate();
		jdbc = new JdbcTemplate(dataSource);
		CampaignTable table = new CampaignTable(jdbc);
		quarantine = new QuarantineTable(jdbc);
		LogPositionStore positions = new LogPositionStore(jdbc);
		mirror = new LogMirror(table, quarantine, positions, new DataSourceTransactionManager(dataSource),
				event -> published.add((MirrorChanged) event));
		reader = new MirrorReader(jdbc, new CheckpointStore(jdbc), positions);
	}

	@AfterEach
	void close() {
		if (jdbc != null && jdbc.getDataSource() instanceof DriverManagerDataSource ds
				&& ds.getUrl().contains(":h2:")) {
			jdbc.execute("SHUTDOWN");
		}
	}

	private static Campaign campaign(String company, long clicks) {
		return new Campaign(company, "Winter Deals", "Sales", "Google", "Video", LocalDate.of(2024, 2, 29), 10_000,
				clicks, clicks / 10, new BigDecimal("120.50"), "Mobile", "Germany", "New Users",
				new BigDecimal("300.00"), "");
	}

	/** The log's entry at {@code offset}: a new record, campaign_id = offset + 1. */
	private static LogMirror.Entry added(long offset) {
		return LogMirror.Entry.added(offset, StoredCampaign.of(offset + 1, campaign("Company " + offset, 100 + offset)),
				"{\"offset\":" + offset + "}");
	}

	private List<LogMirror.Entry> log(long from, long to) {
		return LongStream.range(from, to).mapToObj(LogMirrorIntegrationTests::added).toList();
	}

	private long rows() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + CampaignTable.TABLE, Long.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb" })
	void rowsAndTheirLogPositionAreCommittedTogether(String kind) {
		open(kind);
		assertThat(mirror.next(TOPIC)).as("a database that never saw the log starts at its beginning").isZero();

		mirror.write(0, log(0, 5), 5);
		mirror.write(5, log(5, 8), 8);

		assertThat(mirror.next(TOPIC)).isEqualTo(8);
		assertThat(reader.position()).isEqualTo(new MirrorPosition(0, 8));
		assertThat(jdbc.queryForList("SELECT campaign_id FROM " + CampaignTable.TABLE + " ORDER BY campaign_id",
				Long.class))
			.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
		assertThat(
				jdbc.queryForObject("SELECT clicks FROM " + CampaignTable.TABLE + " WHERE campaign_id = 3", Long.class))
			.isEqualTo(102);
		assertThat(published).extracting(MirrorChanged::size).containsExactly(5, 3);
		assertThat(published.get(1).position()).isEqualTo(new MirrorPosition(0, 8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb" })
	void aBatchFromAPositionTheDatabaseIsNoLongerAtWritesNothing(String kind) {
		open(kind);
		mirror.next(TOPIC);
		mirror.write(0, log(0, 5), 5);

		assertThatThrownBy(() -> mirror.write(3, log(3, 7), 7)).isInstanceOf(LogPositionMovedException.class)
			.satisfies(ex -> assertThat(((LogPositionMovedException) ex).stored()).isEqualTo(5));
		assertThatThrownBy(() -> mirror.write(0, log(0, 5), 5)).isInstanceOf(LogPositionMovedException.class);

		assertThat(rows()).isEqualTo(5);
		assertThat(mirror.next(TOPIC)).isEqualTo(5);
		assertThat(quarantine.count()).isZero();
	}

	/**
	 * Two sinks read the same log at once, each from the position it last saw, in batches
	 * of random sizes; one that finds the entries written tells its own node what the
	 * other wrote and reads on after them, as {@code LogToDatabase} does.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb" })
	void twoSinksWritingTheSameLogAtOnceStoreEachEntryOnceAndBothNodesHearOfEach(String kind) throws Exception {
		open(kind);
		int entries = 3_000;
		List<LogMirror.Entry> log = log(0, entries);
		ExecutorService sinks = Executors.newFixedThreadPool(2);
		CyclicBarrier bothStarted = new CyclicBarrier(2);
		List<List<MirrorChanged>> heard = List.of(Collections.synchronizedList(new ArrayList<>()),
				Collections.synchronizedList(new ArrayList<>()));
		try {
			List<Future<Integer>> refusals = new ArrayList<>();
			for (int sink = 0; sink < 2; sink++) {
				Random random = new Random(sink);
				List<MirrorChanged> node = heard.get(sink);
				// each sink on a node of its own: its own events
				LogMirror own = new LogMirror(new CampaignTable(jdbc), new QuarantineTable(jdbc),
						new LogPositionStore(jdbc), new DataSourceTransactionManager(jdbc.getDataSource()),
						event -> node.add((MirrorChanged) event));
				refusals.add(sinks.submit(() -> {
					int refused = 0;
					long position = own.next(TOPIC);
					// both start from the position before either writes (a node that
					// starts later finds it moved: its replica compares positions at
					// start)
					bothStarted.await(10, TimeUnit.SECONDS);
					while (position < entries) {
						long end = Math.min(entries, position + 1 + random.nextInt(150));
						List<LogMirror.Entry> batch = log.subList((int) position, (int) end);
						try {
							own.write(position, batch, end);
							position = end;
						}
						catch (LogPositionMovedException ex) {
							refused++;
							long written = Math.min(ex.stored(), end);
							own.follow(position, batch.subList(0, (int) (written - position)), written);
							position = written;
						}
					}
					return refused;
				}));
			}
			int refused = refusals.get(0).get() + refusals.get(1).get();
			assertThat(refused).as("the sinks did meet each other").isPositive();
		}
		finally {
			sinks.shutdownNow();
		}
		List<Long> all = LongStream.rangeClosed(1, entries).boxed().toList();
		assertThat(jdbc.queryForList("SELECT campaign_id FROM " + CampaignTable.TABLE + " ORDER BY campaign_id",
				Long.class))
			.containsExactlyElementsOf(all);
		assertThat(mirror.next(TOPIC)).isEqualTo(entries);
		assertThat(quarantine.count()).as("no entry was met twice").isZero();
		for (List<MirrorChanged> node : heard) {
			assertThat(node.stream().flatMap(c -> c.inserted().stream()).map(StoredCampaign::id).toList())
				.as("each node heard of every record once, in order")
				.containsExactlyElementsOf(all);
			assertThat(node.get(node.size() - 1).position()).isEqualTo(new MirrorPosition(0, entries));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb" })
	void aSinkThatFindsARestatementWrittenHearsItAsAnUpdate(String kind) {
		open(kind);
		mirror.next(TOPIC);
		mirror.write(0, log(0, 3), 3);
		List<LogMirror.Entry> batch = List.of(added(3),
				LogMirror.Entry.restated(4, List.of(StoredCampaign.of(2, campaign("Restated", 999)),
						StoredCampaign.of(4, campaign("Restated too", 5))), "{\"r\":[2,4]}"));
		mirror.write(3, batch, 5);
		published.clear();

		MirrorChanged followed = mirror.follow(3, batch, 5);

		assertThat(followed.inserted()).extracting(StoredCampaign::id).containsExactly(4L);
		assertThat(followed.inserted().get(0).campaign().company()).as("restated in the same batch it was added in")
			.isEqualTo("Restated too");
		assertThat(followed.updated()).extracting(StoredCampaign::id).containsExactly(2L);
		assertThat(followed.position()).isEqualTo(new MirrorPosition(0, 5));
		assertThat(published).containsExactly(followed);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb" })
	void restatementsUpdateAndWhatCannotGoInIsQuarantinedWithItsReason(String kind) {
		open(kind);
		mirror.next(TOPIC);
		mirror.write(0, log(0, 3), 3);

		List<LogMirror.Entry> batch = List.of(
				LogMirror.Entry.restated(3, List.of(StoredCampaign.of(2, campaign("Restated", 999))), "{\"r\":2}"),
				LogMirror.Entry.restated(4, List.of(StoredCampaign.of(77, campaign("Nobody", 1))), "{\"r\":77}"),
				LogMirror.Entry.unreadable(5, "{not json", "log entry at offset 5 cannot be read: bad"),
				LogMirror.Entry.added(6, StoredCampaign.of(7, campaign("x".repeat(401), 5)), "{\"long\":true}"),
				added(7));
		MirrorChanged change = mirror.write(3, batch, 8);

		assertThat(change.updated()).extracting(StoredCampaign::id).containsExactly(2L);
		assertThat(change.inserted()).extracting(StoredCampaign::id).containsExactly(8L);
		assertThat(jdbc.queryForObject("SELECT campaign_company FROM " + CampaignTable.TABLE + " WHERE campaign_id = 2",
				String.class))
			.isEqualTo("Restated");
		assertThat(
				jdbc.queryForObject("SELECT clicks FROM " + CampaignTable.TABLE + " WHERE campaign_id = 2", Long.class))
			.isEqualTo(999);
		assertThat(jdbc.queryForList("SELECT reason FROM pipeline_quarantine ORDER BY byte_offset", String.class))
			.satisfiesExactly(r -> assertThat(r).isEqualTo("restates campaign_id 77, which the database does not hold"),
					r -> assertThat(r).contains("offset 5 cannot be read"),
					r -> assertThat(r).contains("campaign_company"));
		assertThat(jdbc.queryForList("SELECT raw_line FROM pipeline_quarantine ORDER BY byte_offset", String.class))
			.as("the entry's own text is kept for whoever repairs it")
			.containsExactly("{\"r\":77}", "{not json", "{\"long\":true}");
		assertThat(rows()).isEqualTo(4);
		assertThat(mirror.next(TOPIC)).isEqualTo(8);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb" })
	void aDatabaseThatMirrorsACsvOrAnotherTopicIsNotFedFromTheLog(String kind) {
		open(kind);
		mirror.next(TOPIC);
		mirror.write(0, log(0, 2), 2);
		assertThatIllegalStateException().isThrownBy(() -> mirror.next("other"))
			.withMessageContaining("'campaigns', not of 'other'")
			.withMessageContaining("pipeline.kafka.topic");

		open(kind);
		jdbc.update(
				"INSERT INTO pipeline_sync_checkpoint (id, file_key, head_hash, tail_hash, generation, byte_offset, "
						+ "line_number, updated_at) VALUES (1, 'k', 'h', 't', 0, 700, 3, CURRENT_TIMESTAMP)");
		assertThatIllegalStateException().isThrownBy(() -> mirror.next(TOPIC))
			.withMessageContaining("mirrors a campaigns.csv")
			.withMessageContaining("not both");
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb" })
	void aDatabaseFedFromTheLogTakesNoRowsOfACsv(String kind, @TempDir Path dir) throws Exception {
		open(kind);
		mirror.next(TOPIC);
		mirror.write(0, log(0, 2), 2);
		Path csv = dir.resolve("campaigns.csv");
		Files.writeString(csv,
				new String(CsvFormat.header(), StandardCharsets.UTF_8)
						+ "7,Brand 7,Winter Deals,Sales,Google,Video,2024-03-01,1000,10,1,"
						+ "5.00,Mobile,Germany,New Users,,,,,,,,,,,9,3,,,,2024,1,2024,\r\n",
				StandardCharsets.UTF_8);
		CheckpointStore checkpoints = new CheckpointStore(jdbc);
		SyncBatch batch = new SyncBatch(new CampaignTable(jdbc), quarantine, checkpoints, new LogPositionStore(jdbc),
				new DataSourceTransactionManager(jdbc.getDataSource()),
				new LineConverter(
						new CampaignValidator(new Categories(TestProperties.load(dir).categories()), Clock.systemUTC()),
						DateInput.ISO_OR_DAY_FIRST));
		SyncBatch.Prepared prepared = batch.prepare(csv, Checkpoint.initial(), FileFingerprint.fileKey(csv), 100);
		assertThat(prepared.rows()).hasSize(1);

		assertThatIllegalStateException().isThrownBy(() -> batch.commit(prepared, false, checkpoints.load()))
			.withMessageContaining("log topic 'campaigns'")
			.withMessageContaining("not both");
		assertThat(rows()).as("the CSV's row not written").isEqualTo(2);
		assertThat(checkpoints.load()).as("the CSV's checkpoint not moved").isEqualTo(Checkpoint.initial());
	}

}
