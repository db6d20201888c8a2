package dev.campaignpipe.sync;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import dev.campaignpipe.csvfile.CsvRecords;
import dev.campaignpipe.csvfile.RowReader;

/**
 * {@code verify} (SPEC §9): compares campaigns.csv with the database — row counts, sums
 * of the input columns, and ids present on one side only. The CSV side reads the raw
 * values (a line the sync quarantined is a difference, and is reported as one); a
 * repeated id counts once, as in the database.
 */
@Component
public class Reconciliation {

	/** Counts and sums of one side. */
	public record Side(long rows, long impressions, long clicks, long conversions, BigDecimal adSpend,
			long unreadable) {

		String describe() {
			return String.format(Locale.ROOT, "%,d rows, impressions %,d, clicks %,d, conversions %,d, ad_spend %s",
					rows, impressions, clicks, conversions, adSpend.stripTrailingZeros().toPlainString());
		}

	}

	/** The comparison; {@link #matches()} is what the exit code reports. */
	public record Result(Side csv, Side database, List<Long> missingInDatabase, long missingInDatabaseCount,
			List<Long> missingInCsv, long missingInCsvCount) {

		public boolean matches() {
			return missingInDatabaseCount == 0 && missingInCsvCount == 0 && csv.rows() == database.rows()
					&& csv.impressions() == database.impressions() && csv.clicks() == database.clicks()
					&& csv.conversions() == database.conversions() && csv.adSpend().compareTo(database.adSpend()) == 0;
		}

		public String report() {
			StringBuilder out = new StringBuilder();
			out.append("CSV:      ").append(csv.describe()).append('\n');
			out.append("database: ").append(database.describe()).append('\n');
			if (csv.unreadable() > 0) {
				out.append(String.format(Locale.ROOT, "CSV lines without a readable campaign_id or numbers: %,d%n",
						csv.unreadable()));
			}
			out.append(String.format(Locale.ROOT, "ids missing in the database: %,d%s%n", missingInDatabaseCount,
					sample(missingInDatabase)));
			out.append(String.format(Locale.ROOT, "ids missing in the CSV: %,d%s%n", missingInCsvCount,
					sample(missingInCsv)));
			out.append(matches() ? "result: CSV and database agree\n"
					: "result: DIFFERENT (see pipeline_quarantine for lines the database refused)\n");
			return out.toString();
		}

		private static String sample(List<Long> ids) {
			return ids.isEmpty() ? "" : " (" + ids.stream().map(String::valueOf).collect(Collectors.joining(", "))
					+ (ids.size() == 20 ? ", …" : "") + ")";
		}

	}

	private final CampaignTable table;

	public Reconciliation(CampaignTable table) {
		this.table = table;
	}

	public Result run(Path csv) throws IOException, SQLException {
		Totals fromCsv = new Totals();
		CsvRecords.forEachLine(csv, (reader, text) -> {
			if (!text.isBlank()) {
				fromCsv.addRaw(reader.read(text));
			}
		});
		Totals fromDb = new Totals();
		table.forEachInputs(
				row -> fromDb.add(row.id(), row.impressions(), row.clicks(), row.conversions(), row.adSpend()));
		BitSet onlyCsv = (BitSet) fromCsv.ids.clone();
		onlyCsv.andNot(fromDb.ids);
		BitSet onlyDb = (BitSet) fromDb.ids.clone();
		onlyDb.andNot(fromCsv.ids);
		return new Result(fromCsv.side(), fromDb.side(), first(onlyCsv), onlyCsv.cardinality(), first(onlyDb),
				onlyDb.cardinality());
	}

	private static List<Long> first(BitSet ids) {
		return ids.stream().limit(20).mapToObj(i -> (long) i).toList();
	}

	/**
	 * Running totals of one side; ids beyond 2^31 are too many for this check and count
	 * as unreadable.
	 */
	private static final class Totals {

		final BitSet ids = new BitSet();

		long rows;

		long impressions;

		long clicks;

		long conversions;

		BigDecimal adSpend = BigDecimal.ZERO;

		long unreadable;

		void add(long id, long impressions, long clicks, long conversions, BigDecimal spend) {
			if (id < 0 || id >= Integer.MAX_VALUE) {
				unreadable++;
				return;
			}
			if (ids.get((int) id)) {
				return; // a repeated id: the first occurrence is the record
			}
			ids.set((int) id);
			rows++;
			this.impressions += impressions;
			this.clicks += clicks;
			this.conversions += conversions;
			this.adSpend = this.adSpend.add(spend);
		}

		void addRaw(RowReader.Fields fields) {
			try {
				var in = fields.input();
				add(Long.parseLong(fields.campaignId().strip()),
						number(in.get(dev.campaignpipe.campaign.CampaignField.IMPRESSIONS)),
						number(in.get(dev.campaignpipe.campaign.CampaignField.CLICKS)),
						number(in.get(dev.campaignpipe.campaign.CampaignField.CONVERSIONS)),
						new BigDecimal(in.get(dev.campaignpipe.campaign.CampaignField.AD_SPEND).strip()));
			}
			catch (RuntimeException ex) {
				unreadable++;
			}
		}

		private static long number(String text) {
			return Long.parseLong(text.strip());
		}

		Side side() {
			return new Side(rows, impressions, clicks, conversions, adSpend, unreadable);
		}

	}

}
