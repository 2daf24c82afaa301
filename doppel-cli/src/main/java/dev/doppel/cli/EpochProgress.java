package dev.doppel.cli;

import dev.doppel.neural.TrainingProgress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The epochs of a neural fit on stderr: on a terminal one line redrawn in place (bar, epoch, losses, seconds per
 * epoch); otherwise, as in a log file, one line per epoch. Ends with the median seconds per epoch, the figure the
 * benchmarks report (the first epoch also carries the data transform's fit and is left out of it when there are
 * others).
 */
final class EpochProgress implements TrainingProgress, AutoCloseable {
    private final PrintWriter err;
    private final boolean terminal;
    private final List<Double> seconds = new ArrayList<>();
    private long last = System.nanoTime();
    private boolean drawn;

    EpochProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Redraws in place only when the JVM is attached to a terminal. */
    static EpochProgress forTerminal(PrintWriter err) {
        return new EpochProgress(err, System.console() != null);
    }

    /** Starts the clock of the first epoch (called when training begins, after reading the data). */
    synchronized void restart() {
        last = System.nanoTime();
    }

    @Override
    public synchronized void epochDone(int epoch, int epochs, double trainLoss, double validationLoss) {
        long now = System.nanoTime();
        double took = (now - last) / 1e9;
        last = now;
        seconds.add(took);
        String validation = Double.isNaN(validationLoss) ? "" : String.format(" validation %.4f", validationLoss);
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round((double) epoch / epochs * width);
            err.printf("\rtrain [%s%s] epoch %d/%d loss %.4f%s %.2f s/epoch ", "#".repeat(filled),
                    " ".repeat(width - filled), epoch, epochs, trainLoss, validation, took);
            drawn = true;
        } else {
            err.printf("epoch %d/%d loss %.4f%s %.2f s%n", epoch, epochs, trainLoss, validation, took);
        }
        err.flush();
    }

    /** Median seconds of the epochs after the first (of all of them when only one ran); NaN before any epoch. */
    synchronized double medianSeconds() {
        List<Double> sorted = new ArrayList<>(seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    synchronized int epochs() {
        return seconds.size();
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
