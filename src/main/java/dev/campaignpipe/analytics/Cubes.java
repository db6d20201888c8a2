package dev.campaignpipe.analytics;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The cubes of the last few filter sets, kept while the replica's records stay as they
 * were: the breakdowns a dashboard asks for together wait for one computation instead of
 * each making its own. Any commit of records makes every cube old; a cube is never
 * answered for records newer than it was computed from.
 */
final class Cubes {

	/** Cubes kept; one is at most a few thousand small rows. */
	private static final int MAX = 16;

	private final Map<Key, CompletableFuture<Cube>> cubes = new HashMap<>();

	private long version = -1;

	/** What computes a cube when none is kept. */
	@FunctionalInterface
	interface Computation {

		Cube run() throws SQLException;

	}

	/**
	 * @param version the replica's {@link ReplicaStore#version()}, read before computing
	 */
	Cube get(long version, List<Dimension> fields, Filters filters, Computation computation) throws SQLException {
		Key key = new Key(fields, filters);
		CompletableFuture<Cube> cube;
		boolean mine = false;
		synchronized (this) {
			if (version < this.version) { // records newer than this request's are kept
				return computation.run();
			}
			if (version > this.version || cubes.size() >= MAX) {
				cubes.clear();
				this.version = version;
			}
			cube = cubes.get(key);
			if (cube == null) {
				cube = new CompletableFuture<>();
				cubes.put(key, cube);
				mine = true;
			}
		}
		if (mine) {
			try {
				cube.complete(computation.run());
			}
			catch (Throwable ex) {
				// an Error too (out of memory, the engine's native code): a cube never
				// completed would hold every request for it, now and later, for good
				cube.completeExceptionally(ex);
				forget(key, cube);
				throw ex;
			}
		}
		try {
			return cube.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof SQLException sql) {
				throw new SQLException(sql.getMessage(), sql);
			}
			throw ex;
		}
	}

	private synchronized void forget(Key key, CompletableFuture<Cube> failed) {
		cubes.remove(key, failed);
	}

	private record Key(List<Dimension> fields, Filters filters) {
	}

}
