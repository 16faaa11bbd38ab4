package com.creditledger.query.projection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtOnceTest {

    @Test
    void everyPieceRunsAtTheSameTimeAndAllAreDoneOnReturn() {
        CountDownLatch allStarted = new CountDownLatch(3);
        AtomicInteger done = new AtomicInteger();
        Runnable piece = () -> {
            allStarted.countDown();
            try {
                // each waits for the others: one at a time this would time out
                assertThat(allStarted.await(5, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            done.incrementAndGet();
        };

        AtOnce.run("test", List.of(piece, piece, piece));

        assertThat(done).hasValue(3);
    }

    @Test
    void aFailureIsThrownOnceTheOthersAreDone() {
        AtomicInteger done = new AtomicInteger();
        Runnable slow = () -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            done.incrementAndGet();
        };
        Runnable failing = () -> {
            throw new IllegalArgumentException("no sums");
        };

        assertThatThrownBy(() -> AtOnce.run("sums", List.of(slow, failing, failing)))
                .isInstanceOf(IllegalStateException.class).hasMessage("sums failed")
                .hasRootCauseMessage("no sums")
                .satisfies(failure -> assertThat(failure.getSuppressed()).hasSize(1));
        assertThat(done).hasValue(1);
    }
}
