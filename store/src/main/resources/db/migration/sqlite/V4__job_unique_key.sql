-- Unique jobs: at most one pending (available or retryable) job per queue and unique_key. Enqueue
-- inserts with ON CONFLICT DO NOTHING on this partial index; a running job is not in it, so a
-- request arriving while its job runs schedules another. See JobQueue#offer.
ALTER TABLE jobs ADD COLUMN unique_key TEXT;

-- The receiver's coalesced appointment refreshes move from receiver_refresh_pending to unique jobs
-- (key refresh:<appointment id>); the lowest pending job per appointment takes the key.
UPDATE jobs SET unique_key = 'refresh:' || payload
WHERE id IN (SELECT min(id) FROM jobs WHERE queue = 'receiver' AND kind = 'refresh'
             AND state IN ('available', 'retryable') GROUP BY payload);
DROP TABLE receiver_refresh_pending;

CREATE UNIQUE INDEX jobs_unique_pending ON jobs (queue, unique_key)
    WHERE state IN ('available', 'retryable') AND unique_key IS NOT NULL;

-- the scribehook_jobs{state="dead"} gauge counts through this index; dead jobs are few
CREATE INDEX jobs_dead ON jobs (queue) WHERE state = 'dead';
