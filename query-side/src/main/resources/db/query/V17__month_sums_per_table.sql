-- The sums after a replay are taken per table, each on a connection of its own so that both run at
-- once: a row per sums table, each removed by the step that takes that table's sums. A mark left by
-- a replay still in progress becomes one row for each table.
CREATE TABLE qs_month_rebuild_per_table (
    sums             VARCHAR(32) PRIMARY KEY CHECK (sums IN ('qs_liability_month', 'qs_credit_month')),
    through_position BIGINT NOT NULL
);
INSERT INTO qs_month_rebuild_per_table (sums, through_position)
SELECT t.sums, r.through_position
FROM qs_month_rebuild r CROSS JOIN (VALUES ('qs_liability_month'), ('qs_credit_month')) AS t (sums);
DROP TABLE qs_month_rebuild;
ALTER TABLE qs_month_rebuild_per_table RENAME TO qs_month_rebuild;
ALTER TABLE qs_month_rebuild RENAME CONSTRAINT qs_month_rebuild_per_table_pkey TO qs_month_rebuild_pkey;
