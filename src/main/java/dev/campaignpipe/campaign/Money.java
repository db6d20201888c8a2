package dev.campaignpipe.campaign;

import java.math.BigDecimal;

/** How an amount of money reads back from a database column of a wider scale. */
public final class Money {

	private Money() {
	}

	/**
	 * As entered, with at least two decimals: DECIMAL(24,6) gives 752.330000 back, which
	 * reads 752.33; {@code null} stays {@code null}.
	 */
	public static BigDecimal asEntered(BigDecimal value) {
		if (value == null) {
			return null;
		}
		BigDecimal plain = value.stripTrailingZeros();
		return plain.scale() < 2 ? plain.setScale(2) : plain;
	}

}
