package org.parley.bench.load;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** A lock-free latency histogram: 50 µs buckets up to 30 s. */
final class Latency {
    private static final long BUCKET_NANOS = 50_000;
    private static final int BUCKETS = 600_000;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private final LongAdder total = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();

    void record(long nanos) {
        int b = (int) Math.min(BUCKETS, Math.max(0, nanos) / BUCKET_NANOS);
        counts.incrementAndGet(b);
        total.increment();
        sumMicros.add(nanos / 1000);
    }

    long count() {
        return total.sum();
    }

    /** The q-quantile in milliseconds (upper edge of its bucket). */
    double quantileMillis(double q) {
        long n = total.sum();
        if (n == 0) return 0;
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) return (i + 1) * BUCKET_NANOS / 1e6;
        }
        return BUCKETS * BUCKET_NANOS / 1e6;
    }

    double meanMillis() {
        long n = total.sum();
        return n == 0 ? 0 : sumMicros.sum() / 1000.0 / n;
    }
}
