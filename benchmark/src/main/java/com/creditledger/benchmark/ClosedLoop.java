package com.creditledger.benchmark;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load generator: each client thread sends its next request as soon as the previous
 * one is answered, for a fixed time, recording every latency in microseconds.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /** Thrown by a request to end its client's loop early (e.g. a setup loop that ran out of work). */
    static final class Done extends RuntimeException {
    }

    /**
     * One client's work: send request number {@code n}, return how many units it carried; a failed
     * request throws, and what it threw is counted by message in the result.
     */
    interface Request {
        int send(int client, long n) throws Exception;
    }

    record Result(long requests, long units, long failures, Map<String, Long> failureReasons, double seconds,
                  Histogram latencyMicros) {

        double unitsPerSecond() {
            return units / seconds;
        }

        double percentileMillis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    static Result run(int clients, int seconds, Request request) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> work = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        Map<String, Long> reasons = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            int c = client;
            Histogram histogram = new Histogram(60_000_000L, 3);
            histograms.add(histogram);
            work.add(pool.submit(() -> {
                long requests = 0;
                long units = 0;
                long failures = 0;
                while (System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
                    int carried;
                    try {
                        carried = request.send(c, requests++);
                    } catch (Done done) {
                        break;
                    } catch (Exception failed) {
                        reasons.merge(failed.getClass().getSimpleName() + ": " + failed.getMessage(), 1L, Long::sum);
                        carried = 0;
                    }
                    histogram.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                    if (carried > 0) {
                        units += carried;
                    } else {
                        failures++;
                    }
                }
                return new long[]{requests, units, failures};
            }));
        }
        long requests = 0;
        long units = 0;
        long failures = 0;
        for (Future<long[]> future : work) {
            long[] counts = future.get();
            requests += counts[0];
            units += counts[1];
            failures += counts[2];
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Histogram all = new Histogram(60_000_000L, 3);
        histograms.forEach(all::add);
        return new Result(requests, units, failures, new TreeMap<>(reasons), elapsed, all);
    }
}
