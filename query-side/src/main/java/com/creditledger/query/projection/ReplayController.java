package com.creditledger.query.projection;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds every projection from the event store: the processor stops, its token is reset (the
 * reset handlers empty the tables in the same step), and it starts again from the first event while
 * the service keeps answering. Progress is visible at {@code GET /v1/admin/projections}.
 */
@RestController
class ReplayController {

    private final ProjectionProgress progress;

    ReplayController(ProjectionProgress progress) {
        this.progress = progress;
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
        StreamingEventProcessor processor = progress.processor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return ResponseEntity.accepted().body(status());
    }
}
