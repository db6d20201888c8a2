package dev.campaignpipe.csv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The last receipts handed out, for "where is my record" without reading the file. */
final class RecentReceipts {

	private final Map<Long, Receipt> byId;

	RecentReceipts(int capacity) {
		this.byId = new LinkedHashMap<>(capacity * 2, 0.75f) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Long, Receipt> eldest) {
				return size() > capacity;
			}
		};
	}

	synchronized void put(Receipt receipt) {
		byId.put(receipt.stored().id(), receipt);
	}

	synchronized Optional<Receipt> get(long id) {
		return Optional.ofNullable(byId.get(id));
	}

}
