package dev.campaignpipe.analytics;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.sync.MirrorPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replica's file on the real engine: text fields stored as dictionary codes, answered
 * as text, across reopening, for values first seen after the build, and with ties at a
 * breakdown's limit decided by the values as the mirror's SQL decides them.
 */
class ReplicaStoreTests {

	@TempDir
	Path dir;

	@Test
	void valuesFirstSeenInAnUpdateAreAnsweredWithoutARebuildAndAfterReopening() throws Exception {
		Path file = dir.resolve("analytics.duckdb");
		try (ReplicaStore store = ReplicaStore.open(file, "64MB")) {
			store.rebuild(each -> {
				each.accept(1L, record("Acme", "Google", "10.00"));
				each.accept(2L, record("Beta", "Google", "20.00"));
			}, new MirrorPosition(1, 100), n -> {
			});
			store.apply(List.of(StoredCampaign.of(3, record("Gamma", "TikTok", "5.50"))), false,
					new MirrorPosition(1, 200));
			assertThat(channels(store)).containsExactly(Map.entry("Google", "30.00"), Map.entry("TikTok", "5.50"));
		}
		try (ReplicaStore store = ReplicaStore.open(file, "64MB")) {
			assertThat(channels(store)).containsExactly(Map.entry("Google", "30.00"), Map.entry("TikTok", "5.50"));
			assertThat(store.position()).isEqualTo(new MirrorPosition(1, 200));
			// a value seen after reopening gets a code of its own, not one already taken
			store.apply(List.of(StoredCampaign.of(4, record("Delta", "Bing", "1.00"))), false,
					new MirrorPosition(1, 300));
			assertThat(channels(store)).containsExactly(Map.entry("Google", "30.00"), Map.entry("TikTok", "5.50"),
					Map.entry("Bing", "1.00"));
		}
	}

	@Test
	void aBuildStoresEveryRecordExactlyAsAnAppliedBatchDoes() throws Exception {
		List<StoredCampaign> records = List.of(
				StoredCampaign.of(1,
						new Campaign("Acme, Inc.", "Spring \"sale\"", "Conversions", "Google", "Image",
								LocalDate.of(2024, 2, 29), 1000, 50, 5, new BigDecimal("10.123456"), "Mobile", "USA",
								"New Users", null, "")),
				StoredCampaign.of(7,
						new Campaign("Beta", "N", "Sales", "TikTok", "Video", LocalDate.of(2024, 12, 31), 0, 0, 0,
								new BigDecimal("0"), "Desktop", "UK", "Retargeting", new BigDecimal("99999999.5"),
								"flagged: \"odd\", line\nbreak \\N")),
				StoredCampaign.of(9,
						new Campaign("Gamma", "N", "Sales", "Bing", "Text", LocalDate.of(2023, 1, 1),
								Long.MAX_VALUE / 4, 3, 1, new BigDecimal("0.000001"), "Tablet", "Germany", "Students",
								new BigDecimal("0"), "\\N")));
		Path built = dir.resolve("built.duckdb");
		try (ReplicaStore store = ReplicaStore.open(built, "64MB")) {
			store.rebuild(each -> records.forEach(r -> each.accept(r.id(), r.campaign())), new MirrorPosition(2, 5),
					n -> {
					});
			assertThat(store.position()).isEqualTo(new MirrorPosition(2, 5));
			try (ReplicaStore applied = ReplicaStore.open(dir.resolve("applied.duckdb"), "64MB")) {
				applied.apply(records, false, new MirrorPosition(2, 5));
				assertThat(rows(store)).hasSize(3).isEqualTo(rows(applied));
			}
		}
	}

	@Test
	void aBuildWhoseSourceFailsLeavesTheRecordsQueriesSee() throws Exception {
		try (ReplicaStore store = ReplicaStore.open(dir.resolve("analytics.duckdb"), "64MB")) {
			store.apply(List.of(StoredCampaign.of(1, record("Acme", "Google", "10.00"))), false,
					new MirrorPosition(1, 10));
			java.util.function.Consumer<java.util.function.BiConsumer<Long, Campaign>> failing = each -> {
				for (long id = 1; id <= 50_000; id++) {
					each.accept(id, record("Beta", "TikTok", "1.00"));
				}
				throw new IllegalStateException("the database went away");
			};

			assertThatThrownBy(() -> store.rebuild(failing, new MirrorPosition(2, 0), n -> {
			})).hasMessage("the database went away");
			assertThat(channels(store)).containsExactly(Map.entry("Google", "10.00"));
			assertThat(store.position()).isEqualTo(new MirrorPosition(1, 10));
		}
	}

	@Test
	void aBatchThatFailsHalfWayLeavesNoneOfItsRecords() throws Exception {
		try (ReplicaStore store = ReplicaStore.open(dir.resolve("analytics.duckdb"), "64MB")) {
			store.apply(List.of(StoredCampaign.of(1, record("Acme", "Google", "10.00"))), false,
					new MirrorPosition(1, 10));
			// the second record's money has more decimals than the replica keeps: refused
			List<StoredCampaign> batch = List.of(StoredCampaign.of(2, record("Beta", "Google", "20.00")),
					StoredCampaign.of(3, record("Gamma", "Google", "1.0000001")));
			assertThatThrownBy(() -> store.apply(batch, false, new MirrorPosition(1, 20)))
				.isInstanceOf(ArithmeticException.class);

			assertThat(store.count()).isOne();
			assertThat(store.position()).isEqualTo(new MirrorPosition(1, 10));
			store.apply(List.of(StoredCampaign.of(2, record("Beta", "Google", "20.00"))), false,
					new MirrorPosition(1, 20));
			assertThat(store.count()).isEqualTo(2);
		}
	}

	@Test
	void aFilterOnAValueNoRecordHasMatchesNothing() throws Exception {
		try (ReplicaStore store = ReplicaStore.open(dir.resolve("analytics.duckdb"), "64MB")) {
			store.apply(List.of(StoredCampaign.of(1, record("Acme", "Google", "10.00"))), false,
					new MirrorPosition(1, 10));
			Filters nobody = new Filters(null, null, Map.of(Dimension.MARKETING_CHANNEL, List.of("Myspace")));
			Filters some = new Filters(null, null, Map.of(Dimension.MARKETING_CHANNEL, List.of("Myspace", "Google")));
			try (Connection c = store.connect()) {
				assertThat(AnalyticsQueries.summary(c, store.dictionary(), nobody).current().records()).isZero();
				assertThat(AnalyticsQueries.summary(c, store.dictionary(), some).current().records()).isOne();
			}
		}
	}

	@Test
	void tiesInAdSpendAtTheLimitGoToTheFirstValuesInOrder() throws Exception {
		try (ReplicaStore store = ReplicaStore.open(dir.resolve("analytics.duckdb"), "64MB")) {
			// codes in the order seen: Zeta first, so a code order would pick it
			store.apply(List.of(StoredCampaign.of(1, record("Zeta", "Google", "10.00")),
					StoredCampaign.of(2, record("Alpha", "Google", "10.00")),
					StoredCampaign.of(3, record("Mid", "Google", "10.00")),
					StoredCampaign.of(4, record("Top", "Google", "99.00"))), false, new MirrorPosition(1, 10));
			try (Connection c = store.connect()) {
				List<Answers.Group> rows = AnalyticsQueries
					.breakdown(c, store.dictionary(), Filters.NONE, List.of(Dimension.CAMPAIGN_COMPANY), 3)
					.rows();
				assertThat(rows).extracting(g -> g.keys().get("campaign_company"))
					.containsExactly("Top", "Alpha", "Mid");
			}
		}
	}

	@Test
	void theCubesAnswerTheirBreakdownsAsTheEngineDoes() throws Exception {
		String[] channels = { "Google", "Facebook", "TikTok" };
		String[] devices = { "Mobile", "Desktop", "Tablet" };
		List<StoredCampaign> records = new java.util.ArrayList<>();
		for (int i = 1; i <= 60; i++) {
			Campaign c = new Campaign("Co " + i % 4, "Name", i % 2 == 0 ? "Leads" : "Sales", channels[i % 3],
					i % 5 == 0 ? "Video" : "Image", LocalDate.of(2024, 1 + i % 12, 1), 1000 + i, 10 + i, i % 7,
					new BigDecimal(i + ".25"), devices[i % 3 == 0 ? 0 : i % 2 + 1], i % 4 == 0 ? "UK" : "USA",
					"New Users", i % 3 == 0 ? null : new BigDecimal(i * 2 + ".5"), "");
			records.add(StoredCampaign.of(i, c));
		}
		try (ReplicaStore store = ReplicaStore.open(dir.resolve("analytics.duckdb"), "64MB")) {
			store.apply(records, false, new MirrorPosition(1, 10));
			Filters some = new Filters(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 10, 31),
					Map.of(Dimension.DEVICE_TYPE, List.of("Mobile", "Tablet")));
			Filters tablets = new Filters(null, null, Map.of(Dimension.DEVICE_TYPE, List.of("Tablet")));
			Filters nobody = new Filters(null, null, Map.of(Dimension.COUNTRY, List.of("Atlantis")));
			try (Connection c = store.connect()) {
				for (Filters filters : List.of(Filters.NONE, some, tablets, nobody)) {
					Cube closed = Cube.compute(c, store.dictionary(), Cube.CLOSED, filters);
					Cube companies = Cube.compute(c, store.dictionary(), Cube.COMPANY_DEVICE, filters);
					if (filters.from() == null) {
						assertThat(closed.summary())
							.isEqualTo(AnalyticsQueries.summary(c, store.dictionary(), filters));
						assertThat(companies.summary())
							.isEqualTo(AnalyticsQueries.summary(c, store.dictionary(), filters));
					}
					List<List<Dimension>> asked = new java.util.ArrayList<>();
					Cube.CLOSED.forEach(field -> asked.add(List.of(field)));
					asked.add(List.of(Dimension.CAMPAIGN_COMPANY));
					asked.add(List.of(Dimension.DEVICE_TYPE));
					asked.add(List.of(Dimension.CAMPAIGN_COMPANY, Dimension.DEVICE_TYPE));
					asked.add(List.of(Dimension.DEVICE_TYPE, Dimension.CAMPAIGN_COMPANY));
					for (List<Dimension> by : asked) {
						Cube cube = Cube.answering(by).orElseThrow() == Cube.CLOSED ? closed : companies;
						for (int limit : new int[] { 1, 3, 10_000 }) {
							assertThat(cube.breakdown(by, store.dictionary(), limit))
								.as(by + " limit " + limit + " " + filters)
								.isEqualTo(AnalyticsQueries.breakdown(c, store.dictionary(), filters, by, limit));
						}
					}
				}
			}
		}
	}

	/** Every stored row, its codes as the values they stand for. */
	private static List<List<Object>> rows(ReplicaStore store) throws Exception {
		List<List<Object>> rows = new java.util.ArrayList<>();
		try (Connection c = store.connect();
				java.sql.ResultSet rs = c.createStatement()
					.executeQuery("SELECT * FROM " + ReplicaStore.TABLE + " ORDER BY campaign_id")) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<Object> row = new java.util.ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					String name = rs.getMetaData().getColumnName(i);
					Dimension coded = java.util.Arrays.stream(Dimension.values())
						.filter(d -> d.coded() && d.parameter().equals(name))
						.findFirst()
						.orElse(null);
					row.add(coded == null ? rs.getObject(i) : store.dictionary().value(coded, rs.getInt(i)));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private static Map<String, String> channels(ReplicaStore store) throws Exception {
		try (Connection c = store.connect()) {
			Map<String, String> spend = new java.util.LinkedHashMap<>();
			for (Answers.Group g : AnalyticsQueries
				.breakdown(c, store.dictionary(), Filters.NONE, List.of(Dimension.MARKETING_CHANNEL), 100)
				.rows()) {
				spend.put(g.keys().get("marketing_channel"), g.totals().adSpend().toPlainString());
			}
			return spend;
		}
	}

	private static Campaign record(String company, String channel, String spend) {
		return new Campaign(company, "Spring sale", "Conversions", channel, "Image", LocalDate.of(2024, 3, 1), 1000, 50,
				5, new BigDecimal(spend), "Mobile", "USA", "New Users", null, "");
	}

}
