package com.creditledger.query.projection;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Runs the {@link AfterReplay} steps on every node once a replay's events are projected, all at once:
 * each is statements over whole tables, and one after the other they left the cores a fifth idle.
 */
@Component
class FinishingReplays {

    private final ProjectionProgress progress;
    private final List<AfterReplay> steps;

    FinishingReplays(ProjectionProgress progress, List<AfterReplay> steps) {
        this.progress = progress;
        this.steps = steps;
    }

    @Scheduled(fixedDelayString = "${ledger.query.after-replay-interval:PT0.5S}")
    void finishOnceEventsReplayed() {
        if (progress.finishingReplay() && !progress.eventsReplaying()) {
            AtOnce.run("after-replay", steps.stream().<Runnable>map(step -> step::finish).toList());
        }
    }
}
