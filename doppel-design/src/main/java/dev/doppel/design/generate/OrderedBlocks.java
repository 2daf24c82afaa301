package dev.doppel.design.generate;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Makes blocks {@code 0 .. blocks-1} on a pool with at most {@code 2 × threads} in flight and hands them over in
 * order, so memory stays bounded and the output does not depend on the thread count.
 */
final class OrderedBlocks {
    private OrderedBlocks() {
    }

    interface Consumer<T> {
        void accept(T block) throws IOException;
    }

    static <T> void run(long blocks, int threads, ExecutorService pool, LongFunction<T> make, Consumer<T> consume)
            throws IOException {
        if (pool == null || threads == 1) {
            for (long b = 0; b < blocks; b++) {
                consume.accept(make.apply(b));
            }
            return;
        }
        ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        long submitted = 0;
        try {
            for (long b = 0; b < blocks; b++) {
                while (submitted < blocks && inFlight.size() < 2 * threads) {
                    long block = submitted++;
                    inFlight.add(pool.submit(() -> make.apply(block)));
                }
                consume.accept(inFlight.poll().get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }
}
