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
    private String label;
    private final String unit;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintWriter err, String label, String unit, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.enabled = enabled;
    }

    /** A bar counting {@code unit}s that draws only when the JVM is attached to a terminal. */
    static ProgressBar forTerminal(PrintWriter err, String label, String unit, long total) {
        return new ProgressBar(err, label, unit, total, System.console() != null);
    }

    /** Changes the label, e.g. to the stage now running, and redraws. */
    synchronized void stage(String newLabel, long done) {
        label = newLabel;
        lastDraw = 0;
        update(done);
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
        if (total >= 100) {
            err.printf("\r%-28s [%s%s] %3.0f%% %,d/%,d %s, %,.0f %s/s, eta %ds ", label, "#".repeat(filled),
                    " ".repeat(width - filled), fraction * 100, done, total, unit, rate, unit, etaSeconds);
        } else {
            // Few coarse steps (stages): a rate or an ETA from them would mislead.
            err.printf("\r%-28s [%s%s] %d/%d %s, %.0f s ", label, "#".repeat(filled), " ".repeat(width - filled),
                    done, total, unit, seconds);
        }
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
