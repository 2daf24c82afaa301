package dev.doppel.synth;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Blocks {@code 0 .. limit-1}, each made by {@code make} from its index alone, handed out in index order. With
 * several threads, up to {@code 2 × threads} blocks are made ahead on a pool of the stream's own, so memory stays
 * bounded whatever the number of blocks and, {@code make} being a pure function of the index, the blocks do not
 * depend on the thread count. Not thread-safe itself: one consumer calls {@link #next}; closing stops the pool and
 * drops blocks made ahead.
 *
 * @param <T> a block
 */
public final class OrderedBlockStream<T> implements AutoCloseable {
    private final LongFunction<T> make;
    private final long limit;
    private final int threads;
    private final ExecutorService pool;
    private final ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
    private long submitted;
    private long delivered;

    /**
     * @param make       block {@code b} from {@code b}; called on the pool's threads when {@code threads > 1}
     * @param limit      number of blocks
     * @param threads    1 or more; 1 makes each block on the caller's thread when it is asked for
     * @param threadName name of the pool's (daemon) threads
     */
    public OrderedBlockStream(LongFunction<T> make, long limit, int threads, String threadName) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, not " + threads);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, not " + limit);
        }
        this.make = make;
        this.limit = limit;
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether blocks remain. */
    public boolean hasNext() {
        return delivered < limit;
    }

    /**
     * The next block. An exception thrown by {@code make} is thrown here (unchecked ones as they are), when its
     * block's turn comes.
     */
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + limit + " blocks were delivered");
        }
        long b = delivered++;
        if (pool == null) {
            return make.apply(b);
        }
        while (submitted < limit && inFlight.size() < 2 * threads) {
            long block = submitted++;
            inFlight.add(pool.submit(() -> make.apply(block)));
        }
        try {
            return inFlight.poll().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for block " + b, e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }
}
