package dev.campaignpipe.campaign;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The rules of SPEC §3, in one place for every entry path: form, API, import and rows
 * read back from the CSV. It normalizes as it checks, so a record that passes is already
 * clean.
 */
@Component
public class CampaignValidator {

	static final int MAX_TEXT = 100;

	static final long MAX_COUNT = 1_000_000_000_000L;

	static final BigDecimal MAX_MONEY = new BigDecimal("10000000000");

	static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private static final Pattern MONEY = Pattern.compile("\\d{1,11}(\\.\\d+)?");

	private final Categories categories;

	private final Clock clock;

	public CampaignValidator(Categories categories, Clock clock) {
		this.categories = categories;
		this.clock = clock;
	}

	public Validation validate(CampaignInput input, DateInput dates) {
		Map<CampaignField, String> errors = new EnumMap<>(CampaignField.class);
		Fields f = new Fields(input, errors);

		String company = f.text(CampaignField.CAMPAIGN_COMPANY);
		String name = f.text(CampaignField.CAMPAIGN_NAME);
		String type = f.category(CampaignField.CAMPAIGN_TYPE);
		String channel = f.category(CampaignField.MARKETING_CHANNEL);
		String format = f.category(CampaignField.AD_FORMAT);
		LocalDate date = f.date(dates);
		Long impressions = f.count(CampaignField.IMPRESSIONS);
		Long clicks = f.count(CampaignField.CLICKS);
		Long conversions = f.count(CampaignField.CONVERSIONS);
		BigDecimal spend = f.money(CampaignField.AD_SPEND);
		String device = f.category(CampaignField.DEVICE_TYPE);
		String country = f.category(CampaignField.COUNTRY);
		String segment = f.category(CampaignField.AUDIENCE_SEGMENT);
		BigDecimal revenue = f.isBlank(CampaignField.REVENUE) ? null : f.money(CampaignField.REVENUE);

		if (impressions != null && clicks != null && clicks > impressions) {
			errors.putIfAbsent(CampaignField.CLICKS, "clicks must not exceed impressions (" + impressions + ")");
		}
		boolean readable = !f.unreadable && company != null && name != null && type != null && channel != null
				&& format != null && date != null && impressions != null && clicks != null && conversions != null
				&& spend != null && device != null && country != null && segment != null;
		Campaign campaign = readable ? new Campaign(company, name, type, channel, format, date, impressions, clicks,
				conversions, spend, device, country, segment, revenue, "") : null;
		return new Validation(campaign, errors);
	}

	/**
	 * 1 to 13 ASCII digits: what {@code \\d{1,13}} says, without a regex on every field
	 * of every row.
	 */
	static boolean isWhole(String value) {
		return isDigits(value, 13);
	}

	/** 1 to {@code maxDigits} ASCII digits. */
	public static boolean isDigits(String value, int maxDigits) {
		int length = value.length();
		if (length == 0 || length > maxDigits) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/** Reads one input field at a time, recording the first broken rule of each. */
	private final class Fields {

		private final CampaignInput input;

		private final Map<CampaignField, String> errors;

		/**
		 * A value that could not be read as its type at all, so no record can be built.
		 */
		private boolean unreadable;

		Fields(CampaignInput input, Map<CampaignField, String> errors) {
			this.input = input;
			this.errors = errors;
		}

		boolean isBlank(CampaignField field) {
			String value = Text.normalize(input.get(field));
			return value == null || value.isEmpty();
		}

		private String required(CampaignField field) {
			if (isBlank(field)) {
				errors.put(field, field.key() + " is required");
				unreadable = true;
				return null;
			}
			return Text.normalize(input.get(field));
		}

		String text(CampaignField field) {
			String value = required(field);
			if (value == null) {
				return null;
			}
			if (value.codePoints().anyMatch(Character::isISOControl)) {
				errors.put(field, field.key() + " must not contain control characters");
				unreadable = true;
				return null;
			}
			if (value.codePointCount(0, value.length()) > MAX_TEXT) {
				errors.put(field, field.key() + " must be at most " + MAX_TEXT + " characters");
			}
			return value;
		}

		String category(CampaignField field) {
			String value = required(field);
			if (value == null) {
				return null;
			}
			return categories.canonical(field, value).orElseGet(() -> {
				errors.put(field, field.key() + " must be one of " + String.join(", ", categories.values(field))
						+ " (got '" + value + "')");
				return value;
			});
		}

		LocalDate date(DateInput dates) {
			String value = required(CampaignField.DATE);
			if (value == null) {
				return null;
			}
			LocalDate date = dates.parse(value).orElse(null);
			if (date == null) {
				errors.put(CampaignField.DATE,
						"date must be a calendar date written " + dates.description() + " (got '" + value + "')");
				unreadable = true;
				return null;
			}
			LocalDate latest = LocalDate.now(clock).plusYears(1);
			if (date.isBefore(EARLIEST) || date.isAfter(latest)) {
				errors.put(CampaignField.DATE, "date must be between " + EARLIEST + " and " + latest);
			}
			return date;
		}

		Long count(CampaignField field) {
			String value = required(field);
			if (value == null) {
				return null;
			}
			if (!isWhole(value)) {
				errors.put(field, field.key() + " must be a whole number from 0 to " + MAX_COUNT);
				unreadable = true;
				return null;
			}
			long count = Long.parseLong(value);
			if (count > MAX_COUNT) {
				errors.put(field, field.key() + " must be a whole number from 0 to " + MAX_COUNT);
			}
			return count;
		}

		BigDecimal money(CampaignField field) {
			String value = required(field);
			if (value == null) {
				return null;
			}
			String rule = field.key() + " must be an amount from 0 to " + MAX_MONEY + " with at most 2 decimals";
			if (!MONEY.matcher(value).matches()) {
				errors.put(field, rule);
				unreadable = true;
				return null;
			}
			BigDecimal amount = new BigDecimal(value);
			if (amount.compareTo(MAX_MONEY) > 0 || amount.stripTrailingZeros().scale() > 2) {
				errors.put(field, rule);
			}
			return amount.scale() < 2 ? amount.setScale(2) : amount;
		}

	}

}
