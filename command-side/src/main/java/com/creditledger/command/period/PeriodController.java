package com.creditledger.command.period;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.period.ApprovePeriodReopen;
import com.creditledger.kernel.period.Books;
import com.creditledger.kernel.period.ClosePeriod;
import com.creditledger.kernel.period.PeriodClosed;
import com.creditledger.kernel.period.PeriodReopenRequested;
import com.creditledger.kernel.period.PeriodReopened;
import com.creditledger.kernel.period.RequestPeriodReopen;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Closing and reopening accounting periods (docs/accounting.md, period close). */
@RestController
public class PeriodController {

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;
    private final PostingBarrier barrier;
    private final PublishedReports reports;

    PeriodController(CommandGateway commands, EventPositions positions, BusinessTime time, PostingBarrier barrier,
                     PublishedReports reports) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
        this.barrier = barrier;
        this.reports = reports;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PeriodResponse(String period, String status, String closedBy, Instant closedAt, String reportDigest,
                                 String reason, String requestedBy, String approvedBy, Instant reopenedAt,
                                 long position) {
    }

    public record ReopenRequest(@NotNull @NotBlank @Size(max = 500)
                                @Pattern(regexp = Identifiers.PRINTABLE, message = Identifiers.PRINTABLE_MESSAGE)
                                String reason) {
    }

    /** Records the close with the digest of the report the query side publishes once it has every earlier event. */
    @PostMapping("/v1/periods/{period}/close")
    public ResponseEntity<PeriodResponse> close(@PathVariable String period,
                                                @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String label = checked(period);
        PeriodClosed closed = barrier.alone(() -> {
            PublishedReports.Published report = reports.of(label, positions.latest(), authorization);
            return commands.<PeriodClosed>sendAndWait(new ClosePeriod(Books.ID, label, report.digest(),
                    report.firstPosted(), time.now()));
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(new PeriodResponse(closed.period(), "closed",
                closed.closedBy(), closed.closedAt(), closed.reportDigest(), null, null, null, null,
                positions.latestOf(Books.ID)));
    }

    /** Asks to reopen the last closed period; a second finance key approves. */
    @PostMapping("/v1/periods/{period}/reopen")
    public ResponseEntity<PeriodResponse> reopen(@PathVariable String period, @Valid @RequestBody ReopenRequest request) {
        PeriodReopenRequested requested = commands.sendAndWait(new RequestPeriodReopen(Books.ID, checked(period),
                request.reason(), time.now()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new PeriodResponse(requested.period(),
                "reopen_pending", null, null, null, requested.reason(), requested.requestedBy(), null, null,
                positions.latestOf(Books.ID)));
    }

    @PostMapping("/v1/periods/{period}/reopen/approve")
    public PeriodResponse approveReopen(@PathVariable String period) {
        String label = checked(period);
        PeriodReopened reopened = barrier.alone(() -> commands.<PeriodReopened>sendAndWait(
                new ApprovePeriodReopen(Books.ID, label, time.now())));
        return new PeriodResponse(reopened.period(), "open", null, null, null, reopened.reason(),
                reopened.requestedBy(), reopened.approvedBy(), reopened.reopenedAt(), positions.latestOf(Books.ID));
    }

    private static String checked(String period) {
        return Books.parse(period).map(Books::label).orElseThrow(() -> new LedgerRejection(
                RejectionCode.VALIDATION_FAILED, "period", "a period is a month, YYYY-MM"));
    }
}
