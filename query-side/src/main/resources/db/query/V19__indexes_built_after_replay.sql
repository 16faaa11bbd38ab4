-- A replay's reset drops the non-unique indexes of the tables the projections only append to, and
-- records each one's definition here in the same transaction; once the replay's events are
-- projected, each is built again from its row and the row deleted, in one transaction.
CREATE TABLE qs_replay_index (
    index_name  VARCHAR(63) COLLATE "C" PRIMARY KEY,
    definition  TEXT COLLATE "C" NOT NULL
);
