package com.creditledger.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;

/**
 * {@code replay}: rebuilds the query side's projections and watches them catch up, printing the
 * position, the rate and the time left once a second; exit 1 if they are not caught up in time.
 */
final class Replay {

    private final LedgerApi api;
    private final PrintStream out;

    Replay(LedgerApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    int run(long timeoutSeconds) {
        JsonNode status = api.queryPost("/v1/admin/projections/replay");
        long started = System.nanoTime();
        long deadline = started + timeoutSeconds * 1_000_000_000L;
        while (true) {
            long position = Math.max(0, status.path("position").asLong());
            long head = status.path("head").asLong();
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = seconds > 0 ? position / seconds : 0;
            String left = rate > 0 ? String.format("%.0f s left", (head - position) / rate) : "…";
            out.printf("\rreplaying: %,d / %,d events (%d%%), %,.0f events/s, %s   ", position, head,
                    head <= 0 ? 100 : position * 100 / head, rate, left);
            if (!status.path("replaying").asBoolean() && position >= head) {
                out.printf("%ncaught up: %,d events in %.1f s%n", head, seconds);
                return LedgerAdmin.OK;
            }
            if (System.nanoTime() > deadline) {
                out.printf("%nnot caught up after %d s%n", timeoutSeconds);
                return LedgerAdmin.FOUND_A_PROBLEM;
            }
            sleep();
            status = api.query("/v1/admin/projections");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerApi.Unreachable("interrupted");
        }
    }
}
