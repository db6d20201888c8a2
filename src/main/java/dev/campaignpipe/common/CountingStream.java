package dev.campaignpipe.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Tells how many bytes were read as a parser reads them, for an import's progress. */
public final class CountingStream extends FilterInputStream {

	private final LongConsumer bytesRead;

	public CountingStream(InputStream in, LongConsumer bytesRead) {
		super(in);
		this.bytesRead = bytesRead;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		if (n > 0) {
			bytesRead.accept(n);
		}
		return n;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			bytesRead.accept(1);
		}
		return b;
	}

}
