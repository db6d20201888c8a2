package dev.campaignpipe.powerbi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.campaignpipe.campaign.CampaignColumns;
import dev.campaignpipe.csvfile.CsvRecords;
import dev.campaignpipe.config.PipelineProperties.Header;

/**
 * The flat export: campaigns.csv as it is (clean header), or cut to the original tool's
 * 26 columns under its exact header line (legacy), so a report built on the old file
 * keeps working. Only whole lines are exported: a line the writer is appending at this
 * moment waits for the next export.
 */
final class FlatExport {

	/**
	 * The original tool's header, byte for byte: its stray spaces are part of what old
	 * reports bind to.
	 */
	static final String LEGACY_HEADER = " campaign_id,campaign_company,campaign_name,campaign_type,marketing_channel,"
			+ "ad_format,date,impressions,clicks,conversions,  ad_spend  ,device_type,country,audience_segment,"
			+ " cost_per_click , cost_per_mille ,ctr,conversion_rate,cpc_effectiveness_score,roi_score,"
			+ "click_to_conversion_ratio,quality_score,engagement_to_spend_ratio,cost_efficiency_index,week_number,month";

	private FlatExport() {
	}

	static AtomicFile.Content of(Path csv, Header header) {
		return out -> {
			try (FileChannel channel = FileChannel.open(csv)) {
				long whole = wholeLines(channel);
				if (header == Header.CLEAN) {
					out.transferFrom(channel, 0, whole);
				}
				else {
					legacy(new Limited(Channels.newInputStream(channel.position(0)), whole), out);
				}
			}
		};
	}

	private static void legacy(InputStream in, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
		writer.write(LEGACY_HEADER + "\r\n");
		int columns = CampaignColumns.ORIGINAL.size();
		try (CsvReader<CsvRecord> reader = CsvRecords.lenientReader(in)) {
			boolean first = true;
			for (CsvRecord record : reader) {
				if (first) {
					first = false; // the CSV's own header
					continue;
				}
				csv.writeRecord(record.getFields().subList(0, Math.min(columns, record.getFieldCount())));
			}
		}
		csv.flush();
		writer.flush();
	}

	/** Length of the file up to and including its last line break. */
	static long wholeLines(FileChannel channel) throws IOException {
		long size = channel.size();
		ByteBuffer one = ByteBuffer.allocate(8192);
		long end = size;
		while (end > 0) {
			long start = Math.max(0, end - one.capacity());
			one.clear().limit((int) (end - start));
			channel.read(one, start);
			for (int i = one.position() - 1; i >= 0; i--) {
				if (one.get(i) == '\n') {
					return start + i + 1;
				}
			}
			end = start;
		}
		return 0;
	}

	/** An input stream that ends after {@code limit} bytes. */
	private static final class Limited extends FilterInputStream {

		private long left;

		Limited(InputStream in, long limit) {
			super(in);
			this.left = limit;
		}

		@Override
		public int read() throws IOException {
			if (left <= 0) {
				return -1;
			}
			int b = super.read();
			left--;
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (left <= 0) {
				return -1;
			}
			int n = super.read(buffer, offset, (int) Math.min(length, left));
			if (n > 0) {
				left -= n;
			}
			return n;
		}

	}

}
