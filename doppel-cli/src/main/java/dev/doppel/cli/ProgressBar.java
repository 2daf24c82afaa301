package dev.doppel.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on the terminal's error stream. It stays silent for the first two seconds, so quick work
 * prints nothing, and when output is not a terminal (CI logs stay clean).
 */
final class ProgressBar implements AutoCloseable {
    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintWriter err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    /** A bar that draws only when the JVM is attached to a terminal. */
    static ProgressBar forTerminal(PrintWriter err, String label, long total) {
        return new ProgressBar(err, label, total, System.console() != null);
    }

    synchronized void update(long done) {
        long now = System.nanoTime();
        if (!enabled || now - start < QUIET_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double fraction = total <= 0 ? 1 : Math.min(1.0, (double) done / total);
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        double seconds = (now - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : 0;
        err.printf("\r%s [%s%s] %3.0f%% %,d/%,d rows, %,.0f rows/s, eta %ds ", label, "#".repeat(filled),
                " ".repeat(width - filled), fraction * 100, done, total, rate, etaSeconds);
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
