package com.creditledger.query.projection;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds every projection from the event store, on every query-side node ({@link ProjectionReplay}):
 * the processors stop, the tokens are reset once (the reset handlers empty the tables in the same
 * step), and they start again from the first event while the service keeps answering. Progress is visible at {@code GET /v1/admin/projections}.
 */
@RestController
class ReplayController {

    private final ProjectionProgress progress;
    private final ProjectionReplay replay;

    ReplayController(ProjectionProgress progress, ProjectionReplay replay) {
        this.progress = progress;
        this.replay = replay;
    }

    /** {@code head}: the store's latest event; {@code position} reaches it once everything is projected. */
    record Status(String processor, long position, long head, boolean replaying) {
    }

    @GetMapping("/v1/admin/projections")
    Status status() {
        return new Status(Projections.GROUP, progress.position(), progress.head(), progress.isReplaying());
    }

    @PostMapping("/v1/admin/projections/replay")
    ResponseEntity<Status> replay() {
        replay.replayEverywhere();
        return ResponseEntity.accepted().body(status());
    }
}
