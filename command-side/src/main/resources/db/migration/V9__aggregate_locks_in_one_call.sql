-- A group commit charges hundreds of accounts in one transaction: it locks them all, in the order
-- given, in one round trip instead of one per account, and learns each one's last sequence number
-- the way lock_aggregate answers it for a single account.
CREATE FUNCTION lock_aggregates(ids TEXT[]) RETURNS TABLE (aggregate_id TEXT, last_sequence BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
    id TEXT;
BEGIN
    FOREACH id IN ARRAY ids LOOP
        aggregate_id := id;
        last_sequence := lock_aggregate(id);
        RETURN NEXT;
    END LOOP;
END
$$;
