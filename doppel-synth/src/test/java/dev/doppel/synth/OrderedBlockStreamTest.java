package dev.doppel.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class OrderedBlockStreamTest {
    /** Blocks take longer the lower their index, so with several threads later blocks finish first. */
    private static String slowFirst(long b, long limit) {
        LockSupport.parkNanos((limit - b) * 200_000L);
        return "block " + b;
    }

    private static List<String> drain(OrderedBlockStream<String> stream) {
        List<String> out = new ArrayList<>();
        while (stream.hasNext()) {
            out.add(stream.next());
        }
        return out;
    }

    @Test
    void blocksComeInIndexOrderAtAnyThreadCount() {
        long limit = 40;
        List<String> expected = new ArrayList<>();
        for (long b = 0; b < limit; b++) {
            expected.add("block " + b);
        }
        for (int threads : new int[] {1, 2, 3}) {
            try (OrderedBlockStream<String> stream = new OrderedBlockStream<>(b -> slowFirst(b, limit), limit,
                    threads, "test")) {
                assertEquals(expected, drain(stream), threads + " threads");
                assertThrows(NoSuchElementException.class, stream::next);
            }
        }
    }

    @Test
    void makesAtMostTwiceTheThreadsAheadOfTheConsumer() {
        int threads = 3;
        AtomicLong delivered = new AtomicLong();
        AtomicLong furthestAhead = new AtomicLong();
        try (OrderedBlockStream<Long> stream = new OrderedBlockStream<>(b -> {
            // Blocks b are submitted only while the consumer has taken at least b - 2 × threads + 1 of them.
            furthestAhead.accumulateAndGet(b - delivered.get(), Math::max);
            return b;
        }, 100, threads, "test")) {
            while (stream.hasNext()) {
                assertEquals(delivered.get(), stream.next());
                delivered.incrementAndGet();
                // A slow consumer lets the pool run as far ahead as it may.
                LockSupport.parkNanos(200_000L);
            }
        }
        assertTrue(furthestAhead.get() < 2 * threads, "made " + furthestAhead.get() + " blocks ahead");
        assertTrue(furthestAhead.get() >= 2, "the pool did work ahead: " + furthestAhead.get());
    }

    @Test
    void failureOfABlockIsThrownAtItsTurnAsItIs() {
        IllegalArgumentException failure = new IllegalArgumentException("bad block 5");
        for (int threads : new int[] {1, 2}) {
            try (OrderedBlockStream<Long> stream = new OrderedBlockStream<>(b -> {
                if (b == 5) {
                    throw failure;
                }
                return b;
            }, 10, threads, "test")) {
                for (long b = 0; b < 5; b++) {
                    assertEquals(b, stream.next());
                }
                assertSame(failure, assertThrows(IllegalArgumentException.class, stream::next));
            }
        }
    }

    @Test
    void emptyStreamAndBadArguments() {
        try (OrderedBlockStream<Long> stream = new OrderedBlockStream<>(b -> b, 0, 2, "test")) {
            assertFalse(stream.hasNext());
        }
        assertThrows(IllegalArgumentException.class, () -> new OrderedBlockStream<>(b -> b, 1, 0, "test"));
        assertThrows(IllegalArgumentException.class, () -> new OrderedBlockStream<>(b -> b, -1, 1, "test"));
    }
}
