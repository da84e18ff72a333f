-- Unique jobs: at most one pending (available or retryable) job per queue and unique_key. Enqueue
-- inserts with ON CONFLICT DO NOTHING on this partial index; a running job is not in it, so a
-- request arriving while its job runs schedules another. See JobQueue#offer.
ALTER TABLE jobs ADD COLUMN unique_key TEXT;

CREATE UNIQUE INDEX jobs_unique_pending ON jobs (queue, unique_key)
    WHERE state IN ('available', 'retryable') AND unique_key IS NOT NULL;

-- the scribehook_jobs{state="dead"} gauge counts through this index; dead jobs are few
CREATE INDEX jobs_dead ON jobs (queue) WHERE state = 'dead';
