package com.creditledger.command.period;

import com.creditledger.command.Rejected;
import com.creditledger.kernel.Metadata;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.period.ApprovePeriodReopen;
import com.creditledger.kernel.period.Books;
import com.creditledger.kernel.period.ClosePeriod;
import com.creditledger.kernel.period.PeriodClosed;
import com.creditledger.kernel.period.PeriodReopenRequested;
import com.creditledger.kernel.period.PeriodReopened;
import com.creditledger.kernel.period.RequestPeriodReopen;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

/** The books' rules: months close in order once ended, and reopen on a second key's approval. */
class PeriodsTest {

    private static final String DIGEST = "a".repeat(64);
    private static final String NEW_DIGEST = "b".repeat(64);
    private static final Instant FEB_3 = Instant.parse("2025-02-03T18:00:00Z");
    private static final Instant MAR_2 = Instant.parse("2025-03-02T09:00:00Z");
    private static final Map<String, String> MAKER = Map.of(Metadata.ACTOR, "finance-1");
    private static final Map<String, String> CHECKER = Map.of(Metadata.ACTOR, "finance-2");

    private FixtureConfiguration<Periods> books;

    @BeforeEach
    void books() {
        books = new AggregateTestFixture<>(Periods.class);
    }

    @Test
    void theFirstCloseIsTheFirstMonthWithPostings() {
        books.givenNoPriorActivity()
                .when(new ClosePeriod(Books.ID, "2025-01", DIGEST, "2025-01", FEB_3), MAKER)
                .expectEvents(new PeriodClosed("2025-01", "finance-1", DIGEST, FEB_3));
        books.givenNoPriorActivity()
                .when(new ClosePeriod(Books.ID, "2025-02", DIGEST, "2025-01", MAR_2), MAKER)
                .expectException(Rejected.with(RejectionCode.PERIOD_OUT_OF_ORDER));
        // nothing posted yet: any ended month may be the first
        books.givenNoPriorActivity()
                .when(new ClosePeriod(Books.ID, "2025-02", DIGEST, null, MAR_2), MAKER)
                .expectEvents(new PeriodClosed("2025-02", "finance-1", DIGEST, MAR_2));
    }

    @Test
    void monthsCloseInOrderAndOnlyOnceEnded() {
        books.given(new PeriodClosed("2025-01", "finance-1", DIGEST, FEB_3))
                .when(new ClosePeriod(Books.ID, "2025-03", DIGEST, "2025-01", Instant.parse("2025-04-01T00:00:00Z")), MAKER)
                .expectException(Rejected.with(RejectionCode.PERIOD_OUT_OF_ORDER));
        books.given(new PeriodClosed("2025-01", "finance-1", DIGEST, FEB_3))
                .when(new ClosePeriod(Books.ID, "2025-02", DIGEST, "2025-01", Instant.parse("2025-02-28T23:59:59Z")), MAKER)
                .expectException(Rejected.with(RejectionCode.PERIOD_NOT_ENDED));
        books.given(new PeriodClosed("2025-01", "finance-1", DIGEST, FEB_3))
                .when(new ClosePeriod(Books.ID, "2025-01", DIGEST, "2025-01", MAR_2), MAKER)
                .expectException(Rejected.with(RejectionCode.PERIOD_CLOSED));
        books.given(new PeriodClosed("2025-01", "finance-1", DIGEST, FEB_3))
                .when(new ClosePeriod(Books.ID, "2025-02", NEW_DIGEST, "2025-01", Instant.parse("2025-03-01T00:00:00Z")),
                        CHECKER)
                .expectEvents(new PeriodClosed("2025-02", "finance-2", NEW_DIGEST, Instant.parse("2025-03-01T00:00:00Z")));
    }

    @Test
    void onlyTheLastClosedMonthReopensAndASecondKeyApproves() {
        PeriodClosed january = new PeriodClosed("2025-01", "finance-1", DIGEST, FEB_3);
        PeriodClosed february = new PeriodClosed("2025-02", "finance-1", DIGEST, MAR_2);
        books.given(january, february)
                .when(new RequestPeriodReopen(Books.ID, "2025-01", "late batch", MAR_2), MAKER)
                .expectException(Rejected.with(RejectionCode.PERIOD_OUT_OF_ORDER));
        books.given(january)
                .when(new RequestPeriodReopen(Books.ID, "2025-02", "late batch", MAR_2), MAKER)
                .expectException(Rejected.with(RejectionCode.PERIOD_NOT_CLOSED));

        PeriodReopenRequested requested = new PeriodReopenRequested("2025-02", "late batch", "finance-1", MAR_2);
        books.given(january, february)
                .when(new RequestPeriodReopen(Books.ID, "2025-02", "late batch", MAR_2), MAKER)
                .expectEvents(requested);
        books.given(january, february, requested)
                .when(new RequestPeriodReopen(Books.ID, "2025-02", "again", MAR_2), CHECKER)
                .expectException(Rejected.with(RejectionCode.REOPEN_PENDING));
        books.given(january, february, requested)
                .when(new ApprovePeriodReopen(Books.ID, "2025-02", MAR_2), MAKER)
                .expectException(Rejected.with(RejectionCode.APPROVER_IS_REQUESTER));
        books.given(january, february)
                .when(new ApprovePeriodReopen(Books.ID, "2025-02", MAR_2), CHECKER)
                .expectException(Rejected.with(RejectionCode.REOPEN_NOT_PENDING));
        books.given(january, february, requested)
                .when(new ApprovePeriodReopen(Books.ID, "2025-02", MAR_2), CHECKER)
                .expectEvents(new PeriodReopened("2025-02", "late batch", "finance-1", "finance-2", MAR_2));
    }

    @Test
    void aReopenedMonthIsTheNextToClose() {
        books.given(new PeriodClosed("2025-01", "finance-1", DIGEST, FEB_3),
                        new PeriodReopenRequested("2025-01", "late batch", "finance-1", MAR_2),
                        new PeriodReopened("2025-01", "late batch", "finance-1", "finance-2", MAR_2))
                .when(new ClosePeriod(Books.ID, "2025-01", NEW_DIGEST, "2025-01", MAR_2), CHECKER)
                .expectEvents(new PeriodClosed("2025-01", "finance-2", NEW_DIGEST, MAR_2));
    }
}
