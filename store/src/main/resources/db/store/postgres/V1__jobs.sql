-- The durable job queue (see io.scribehook.store.queue.JobQueue). Times are epoch milliseconds.
-- A claim is one UPDATE ... WHERE id IN (SELECT ... ORDER BY priority, scheduled_at, id LIMIT n
-- FOR UPDATE SKIP LOCKED) RETURNING; every state change bumps version and is guarded by it.
CREATE TABLE jobs (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue            TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    state            TEXT    NOT NULL DEFAULT 'available'
                     CHECK (state IN ('available', 'running', 'retryable', 'completed', 'dead')),
    priority         INTEGER NOT NULL DEFAULT 0,
    attempt          INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
    version          BIGINT  NOT NULL DEFAULT 0,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    scheduled_at     BIGINT  NOT NULL,
    last_error       TEXT,
    created_at       BIGINT  NOT NULL,
    finished_at      BIGINT
);

-- claim: only claimable rows are indexed, in claim order, so a claim reads the first n entries
CREATE INDEX jobs_claim ON jobs (queue, priority, scheduled_at, id) WHERE state IN ('available', 'retryable');
-- reclaim of expired leases
CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE state = 'running';
-- retention of finished jobs
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state IN ('completed', 'dead');
