package dev.campaignpipe.preset;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much an XLSX file may unpack to ({@code pipeline.workbooks.*}). An XLSX is a zip
 * archive; one that unpacks to far more than any export (a zip bomb) or holds thousands
 * of parts is refused before it is read.
 *
 * @param maxUnpacked the most all its parts may unpack to, counted while unpacking (the
 * sizes an archive declares can lie)
 * @param maxEntries the most parts it may hold
 * @param maxSharedStrings the most its shared strings may unpack to: unlike the sheet,
 * which is streamed, they are held in memory while it is read
 */
public record WorkbookLimits(@DefaultValue("1GB") DataSize maxUnpacked, @DefaultValue("10000") int maxEntries,
		@DefaultValue("64MB") DataSize maxSharedStrings) {
}
