package com.creditledger.command.cloudevents;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.creditledger.command.usage.UsageController;
import com.creditledger.command.usage.UsageIntake;
import com.creditledger.command.usage.UsageRequest;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.usage.UsageOutcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Usage as CloudEvents, for gateways that already meter to OpenMeter: the same paths it serves
 * ({@code /api/v1/events} as LiteLLM's callback posts it, and {@code /v1/events}), one event in
 * structured mode or a batch. Each event is charged like {@code POST /v1/accounts/{id}/usage}.
 */
@RestController
class CloudEventsController {

    static final String EVENT = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    private final UsageIntake intake;

    CloudEventsController(UsageIntake intake) {
        this.intake = intake;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventResult(int index, String status, String id, String source, String subject, String idempotencyKey,
                       UsageController.UsageResponse receipt, String code, String field, String detail) {
    }

    record BatchResponse(List<EventResult> results, long position) {
    }

    @PostMapping(path = {"/v1/events", "/api/v1/events"}, consumes = EVENT)
    @ApiResponse(responseCode = "201", headers = @Header(name = "Idempotent-Replayed", description = "true for a retry answered from the first call's receipt"),
            content = @Content(schema = @Schema(implementation = UsageController.UsageResponse.class)))
    ResponseEntity<?> event(@RequestBody JsonNode event) {
        CloudEventUsage.Mapped mapped = CloudEventUsage.of(event);
        if (mapped.rejection() != null) {
            throw mapped.rejection();
        }
        return UsageController.answer(intake.record(List.of(mapped.request())), CloudEventUsage::sourceField);
    }

    /** A JSON array of up to {@value UsageController#MAX_BATCH} events, each charged or rejected on its own. */
    @PostMapping(path = {"/v1/events", "/api/v1/events"}, consumes = BATCH)
    BatchResponse batch(@RequestBody JsonNode events) {
        if (!events.isArray()) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, null, "a CloudEvents batch is a JSON array");
        }
        if (events.size() > UsageController.MAX_BATCH) {
            throw new LedgerRejection(RejectionCode.BATCH_TOO_LARGE, null,
                    events.size() + " events; a batch takes at most " + UsageController.MAX_BATCH);
        }
        List<CloudEventUsage.Mapped> mapped = new ArrayList<>(events.size());
        List<UsageRequest> requests = new ArrayList<>();
        events.forEach(event -> {
            CloudEventUsage.Mapped one = CloudEventUsage.of(event);
            mapped.add(one);
            if (one.request() != null) {
                requests.add(one.request());
            }
        });
        UsageIntake.Results recorded = intake.record(requests);
        List<EventResult> results = new ArrayList<>(mapped.size());
        int charged = 0;
        for (int i = 0; i < mapped.size(); i++) {
            CloudEventUsage.Mapped one = mapped.get(i);
            if (one.rejection() != null) {
                results.add(rejected(i, one, null, one.rejection().code(), one.rejection().field(),
                        one.rejection().getMessage()));
                continue;
            }
            UsageOutcome outcome = recorded.results().get(charged++).outcome();
            String key = one.request().idempotencyKey();
            results.add(outcome.status() == UsageOutcome.Status.REJECTED
                    ? rejected(i, one, key, outcome.rejection(), CloudEventUsage.sourceField(outcome.field()), outcome.detail())
                    : new EventResult(i, outcome.status().name().toLowerCase(), one.id(), one.source(), one.subject(),
                            key, UsageController.UsageResponse.of(outcome.receipt(), null), null, null, null));
        }
        return new BatchResponse(results, recorded.position());
    }

    private static EventResult rejected(int index, CloudEventUsage.Mapped event, String key, RejectionCode code,
                                        String field, String detail) {
        return new EventResult(index, "rejected", event.id(), event.source(), event.subject(), key, null, code.code(),
                field, detail);
    }
}
