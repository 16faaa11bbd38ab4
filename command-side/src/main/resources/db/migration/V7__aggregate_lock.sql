-- Several command-side nodes on one database: an aggregate's commands take this lock for their
-- transaction, then compare the store's last sequence number with the copy they hold in memory
-- (one round trip). Namespace 2 is NodeLock.AGGREGATE.
CREATE FUNCTION lock_aggregate(id TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(2, hashtext(id));
    RETURN coalesce((SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = id), -1);
END
$$;
