package dev.campaignpipe.cli;

import java.io.PrintStream;
import java.util.Locale;

import dev.campaignpipe.importer.ImportSummary;

/**
 * Import progress for people: a bar redrawn in place on a terminal, plain lines (every
 * 10% or 10 seconds) when the output goes to a file or a pipe.
 */
final class ProgressBar {

	private final PrintStream out;

	private final boolean terminal;

	private long lastLine;

	private int lastPercent = -10;

	ProgressBar(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	void show(ImportSummary s) {
		String eta = s.percent() > 0 && !s.finished()
				? clock((long) (s.seconds() * (100 - s.percent()) / Math.max(1, s.percent()))) : "--:--";
		String numbers = String.format(Locale.ROOT, "%3d%%  %,d rows  %,.0f rows/s  ETA %s", s.percent(), s.read(),
				s.rowsPerSecond(), eta);
		if (terminal) {
			int filled = s.percent() * 30 / 100;
			out.print("\r[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + numbers + "   ");
			out.flush();
		}
		else if (s.percent() >= lastPercent + 10 || System.nanoTime() - lastLine > 10_000_000_000L) {
			out.println(numbers);
			lastPercent = s.percent();
			lastLine = System.nanoTime();
		}
	}

	void done() {
		if (terminal) {
			out.println();
		}
	}

	private static String clock(long seconds) {
		return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
	}

}
