package dev.campaignpipe.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real file channel that runs out of room: it writes {@code budget} more bytes (across
 * all writes), then fails like a full disk, leaving exactly those bytes in the file. It
 * can also refuse the next {@code truncates} truncations, or fail the fsync instead.
 */
final class FailingChannel extends FileChannel {

	/**
	 * What the injected faults have left; shared by every channel one opener hands out.
	 */
	static final class Faults {

		final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);

		final AtomicInteger failingTruncates = new AtomicInteger();

		final AtomicInteger failingForces = new AtomicInteger();

		CsvFile.Opener around(CsvFile.Opener real) {
			return path -> new FailingChannel(real.openForAppend(path), this);
		}

		void healed() {
			budget.set(Long.MAX_VALUE);
			failingTruncates.set(0);
			failingForces.set(0);
		}

	}

	private final FileChannel real;

	private final Faults faults;

	private FailingChannel(FileChannel real, Faults faults) {
		this.real = real;
		this.faults = faults;
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		long left = faults.budget.get();
		if (left <= 0) {
			throw new IOException("No space left on device");
		}
		if (src.remaining() > left) {
			ByteBuffer part = src.slice().limit((int) left);
			int n = real.write(part);
			src.position(src.position() + n);
			faults.budget.addAndGet(-n);
			return n; // a short write, as write(2) reports one; the next call fails
		}
		int n = real.write(src);
		faults.budget.addAndGet(-n);
		return n;
	}

	@Override
	public FileChannel truncate(long size) throws IOException {
		failIfInjected(faults.failingTruncates, "truncate refused");
		real.truncate(size);
		return this;
	}

	@Override
	public void force(boolean metaData) throws IOException {
		failIfInjected(faults.failingForces, "fsync");
		real.force(metaData);
	}

	/** Uses up one injected failure of this kind, if any is left. */
	private static void failIfInjected(AtomicInteger failures, String what) throws IOException {
		if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			throw new IOException("Input/output error (" + what + ")");
		}
	}

	@Override
	public long size() throws IOException {
		return real.size();
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		return real.read(dst);
	}

	@Override
	public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
		return real.read(dsts, offset, length);
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		long total = 0;
		for (int i = offset; i < offset + length; i++) {
			total += write(srcs[i]);
		}
		return total;
	}

	@Override
	public long position() throws IOException {
		return real.position();
	}

	@Override
	public FileChannel position(long newPosition) throws IOException {
		real.position(newPosition);
		return this;
	}

	@Override
	public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
		return real.transferTo(position, count, target);
	}

	@Override
	public long transferFrom(ReadableByteChannel src, long position, long count) {
		throw new UnsupportedOperationException("not used by the writer");
	}

	@Override
	public int read(ByteBuffer dst, long position) throws IOException {
		return real.read(dst, position);
	}

	@Override
	public int write(ByteBuffer src, long position) {
		throw new UnsupportedOperationException("not used by the writer");
	}

	@Override
	public MappedByteBuffer map(MapMode mode, long position, long size) {
		throw new UnsupportedOperationException("not used by the writer");
	}

	@Override
	public FileLock lock(long position, long size, boolean shared) {
		throw new UnsupportedOperationException("not used by the writer");
	}

	@Override
	public FileLock tryLock(long position, long size, boolean shared) {
		throw new UnsupportedOperationException("not used by the writer");
	}

	@Override
	protected void implCloseChannel() throws IOException {
		real.close();
	}

}
