package dev.campaignpipe.dashboard;

import java.util.Locale;
import java.util.Map;

/**
 * The Bootstrap Icons glyph of a marketing channel on the slicer. Channels are
 * configurable, so an unknown one gets a generic glyph rather than none.
 */
final class ChannelIcons {

	static final String GENERIC = "bi-megaphone";

	/**
	 * Keyed by the channel in lower case without spaces ("you tube" and "YouTube" alike).
	 */
	private static final Map<String, String> ICONS = Map.ofEntries(Map.entry("facebook", "bi-facebook"),
			Map.entry("google", "bi-google"), Map.entry("instagram", "bi-instagram"),
			Map.entry("linkedin", "bi-linkedin"), Map.entry("pinterest", "bi-pinterest"),
			Map.entry("youtube", "bi-youtube"), Map.entry("tiktok", "bi-tiktok"), Map.entry("twitter", "bi-twitter-x"),
			Map.entry("x", "bi-twitter-x"), Map.entry("snapchat", "bi-snapchat"), Map.entry("reddit", "bi-reddit"),
			Map.entry("microsoft", "bi-microsoft"), Map.entry("microsoftadvertising", "bi-microsoft"),
			Map.entry("bing", "bi-microsoft"), Map.entry("email", "bi-envelope"), Map.entry("whatsapp", "bi-whatsapp"),
			Map.entry("threads", "bi-threads"));

	private ChannelIcons() {
	}

	static String of(String channel) {
		return ICONS.getOrDefault(channel.toLowerCase(Locale.ROOT).replace(" ", ""), GENERIC);
	}

}
