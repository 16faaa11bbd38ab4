-- A replay of the projections asked of any query-side node: every node releases its segments while
-- the phase is 'stopping'; the asking node resets the tokens once (the tables are emptied once) and
-- sets 'running', upon which every node starts its processor again.
CREATE TABLE projection_replay (
    processor     VARCHAR(255) PRIMARY KEY,
    generation    BIGINT       NOT NULL,
    phase         VARCHAR(16)  NOT NULL CHECK (phase IN ('stopping', 'running')),
    requested_at  TIMESTAMPTZ  NOT NULL
);
