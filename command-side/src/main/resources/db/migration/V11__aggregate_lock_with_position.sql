-- An account's lock and where its history stands once the lock is held: the last sequence number
-- (which the copy in memory is checked against) and that event's global index, the position a read
-- of the account answers with. A spendable read took a second round trip for the position; it is
-- the same index entry, read by the same backward scan. lock_aggregate stays for nodes of the
-- previous version while a rolling upgrade replaces them.
CREATE OR REPLACE FUNCTION lock_aggregate_head(id TEXT, OUT last_sequence BIGINT, OUT last_position BIGINT)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(2, hashtext(id));
    SELECT e.sequencenumber, e.globalindex INTO last_sequence, last_position
    FROM domainevententry e WHERE e.aggregateidentifier = id ORDER BY e.sequencenumber DESC LIMIT 1;
    last_sequence := coalesce(last_sequence, -1);
    last_position := coalesce(last_position, 0);
END
$$;
