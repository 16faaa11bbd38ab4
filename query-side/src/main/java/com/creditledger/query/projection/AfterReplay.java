package com.creditledger.query.projection;

/**
 * Work a replay leaves for after its events: a projection that keeps running totals can take them
 * once over every replayed row instead of adding each batch's rows, which costs a replay more
 * than the rows themselves. Until every step is done the replay is not over: the status says
 * {@code replaying} and {@code waitFor} does not answer. Steps run on whichever node sees the
 * events replayed first ({@link FinishingReplays}), so each must do its work once however many
 * nodes ask.
 */
public interface AfterReplay {

    /**
     * The table whose rows are this step's work left from the last replay, each deleted as it is
     * done: the step is pending while it has rows. {@link ProjectionProgress} asks about every step's
     * table in one statement, since {@code waitFor} asks before it answers.
     */
    String pendingWork();

    /** Does the work, unless another node has; called once the replay's events are projected. */
    void finish();
}
