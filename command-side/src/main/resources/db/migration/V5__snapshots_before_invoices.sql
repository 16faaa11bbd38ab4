-- Accounts now keep their unbilled postpaid usage by invoice month, which snapshots taken before did
-- not hold. Snapshots are a cache of the events: dropping them makes every account load from its
-- events once and snapshot again with the new state.
DELETE FROM snapshotevententry;
