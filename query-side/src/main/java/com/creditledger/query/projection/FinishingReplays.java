package com.creditledger.query.projection;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/** Runs the {@link AfterReplay} steps on every node once a replay's events are projected. */
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
            steps.forEach(AfterReplay::finish);
        }
    }
}
