package dev.campaignpipe.importer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

import dev.campaignpipe.campaign.Campaign;

/**
 * The natural key of a record (SPEC §14): channel (the platform), company (the account),
 * campaign, date and the breakdown fields a record has — device, country, audience
 * segment. Campaign type and ad format are not part of it: they are derived by rules or
 * given as defaults, and a changed rule must restate a record, not add a second one. Two
 * exports of the same day describe the same record when their keys agree; a re-import
 * finds it by this key, not by its id.
 */
final class RecordKeys {

	private RecordKeys() {
	}

	static long of(Campaign c) {
		return of(c.company(), c.name(), c.channel(), c.date(), c.deviceType(), c.country(), c.audienceSegment());
	}

	static long of(String company, String name, String channel, LocalDate date, String deviceType, String country,
			String audienceSegment) {
		String key = String
			.join("\u0001", company, name, channel, String.valueOf(date), deviceType, country, audienceSegment)
			.toLowerCase(Locale.ROOT);
		// FNV-1a over the UTF-8 bytes, then a finalizer: 64 bits, so a million keys
		// collide with a chance of about 3 in 10^8
		long hash = 0xcbf29ce484222325L;
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			hash ^= b & 0xFF;
			hash *= 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		return hash;
	}

}
