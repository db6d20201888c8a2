package dev.campaignpipe.csvfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.campaignpipe.campaign.Campaign;
import dev.campaignpipe.campaign.CampaignValidator;
import dev.campaignpipe.campaign.DateInput;
import dev.campaignpipe.campaign.StoredCampaign;
import dev.campaignpipe.campaign.Validation;

/**
 * One CSV line to a record or a quarantine reason. Rows are normalized and validated
 * again (the analyst may have edited them in Excel); dates are read in ISO or the local
 * day/month order. A row that already carries a data-quality flag (kept on import despite
 * a rule) stays flagged.
 */
public final class LineConverter {

	/** Exactly one of the two is set. */
	public record Result(SyncedRow row, QuarantinedLine quarantined) {
	}

	private final CampaignValidator validator;

	private final DateInput dates;

	public LineConverter(CampaignValidator validator, DateInput dates) {
		this.validator = validator;
		this.dates = dates;
	}

	/** How this converter reads dates that are not ISO (the local day/month order). */
	public DateInput dates() {
		return dates;
	}

	/** The record on a CSV line, if the line holds a valid (or flagged) one. */
	public java.util.Optional<StoredCampaign> record(RowReader reader, String text) {
		Result result = convert(reader, new CsvLine(0, 0, text));
		return result == null || result.row() == null ? java.util.Optional.empty()
				: java.util.Optional.of(result.row().stored());
	}

	/**
	 * @return {@code null} for a line with no values at all (blank, or only separators)
	 */
	public Result convert(RowReader reader, CsvLine line) {
		if (isEmpty(line.text())) {
			return null;
		}
		RowReader.Fields fields;
		try {
			fields = reader.read(line.text());
		}
		catch (RuntimeException ex) {
			return quarantine(line, null, "not a valid CSV line: " + ex.getMessage());
		}
		String idText = fields.campaignId() == null ? "" : fields.campaignId().strip();
		if (!CampaignValidator.isDigits(idText, 18)) {
			return quarantine(line, null, "campaign_id must be a whole number (got '" + idText + "')");
		}
		long id = Long.parseLong(idText);
		Validation validation = validator.validate(fields.input(), dates);
		Campaign campaign;
		if (validation.isValid()) {
			campaign = validation.campaign().withDataQuality(fields.dataQuality());
		}
		else if (!fields.dataQuality().isEmpty() && validation.campaign() != null) {
			campaign = validation.campaign().withDataQuality(fields.dataQuality());
		}
		else {
			return quarantine(line, id, validation.summary());
		}
		StoredCampaign stored = StoredCampaign.of(id, campaign);
		return new Result(new SyncedRow(stored, hash(stored), line), null);
	}

	/** Blank, or only separators: a line Excel leaves after deleted rows. */
	private static boolean isEmpty(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != ',' && c != ' ' && c != '\t') {
				return false;
			}
		}
		return true;
	}

	private static Result quarantine(CsvLine line, Long id, String reason) {
		return new Result(null, new QuarantinedLine(line, id, reason));
	}

	/**
	 * Hash of the record's inputs in canonical form (KPIs follow from them): cosmetic
	 * differences in the file — spacing, case, date style, stale metric columns — are not
	 * changes.
	 */
	public static String hash(StoredCampaign stored) {
		return contentHash(stored.campaign());
	}

	/**
	 * The content hash of a record's inputs, as the database's row_hash column holds it.
	 */
	public static String contentHash(Campaign c) {
		String canonical = String.join("\u001f", c.company(), c.name(), c.type(), c.channel(), c.adFormat(),
				c.date().toString(), Long.toString(c.impressions()), Long.toString(c.clicks()),
				Long.toString(c.conversions()), c.adSpend().toPlainString(), c.deviceType(), c.country(),
				c.audienceSegment(), c.revenue() == null ? "" : c.revenue().toPlainString(), c.dataQuality());
		return HexFormat.of().formatHex(SHA1.get().digest(canonical.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * One digest per thread: looking the algorithm up for every row costs more than
	 * hashing it.
	 */
	private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	});

	static String sha256(byte[] bytes, int length) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(bytes, 0, length);
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
