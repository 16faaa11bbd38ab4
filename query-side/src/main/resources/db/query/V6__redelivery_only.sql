-- A projection row is written once per event. The same event delivered again finds its own row and
-- changes nothing; another event finding a row under the same key is a defect (it once happened
-- when rows were keyed by the tracking token's position): it fails the batch instead of being dropped.
CREATE FUNCTION projection_same_event(tbl text, existing anyelement, arriving anyelement) RETURNS anyelement
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF existing IS DISTINCT FROM arriving THEN
        RAISE EXCEPTION 'projection conflict in %: the row of % is there, % arrived under the same key', tbl, existing, arriving
            USING ERRCODE = 'unique_violation';
    END IF;
    RETURN existing;
END $$;
