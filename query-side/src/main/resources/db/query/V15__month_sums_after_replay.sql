-- A replay sums each month once, after its events, instead of adding every batch's lines: the
-- position up to which the sums are still to be taken from the lines. At most one row; none
-- outside a replay.
CREATE TABLE qs_month_rebuild (
    one              BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    through_position BIGINT NOT NULL
);
