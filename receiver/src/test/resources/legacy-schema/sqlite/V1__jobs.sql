-- The durable job queue (see io.scribehook.store.queue.JobQueue). Times are epoch milliseconds.
-- A claim is one UPDATE ... WHERE id IN (SELECT ... ORDER BY priority, scheduled_at, id LIMIT n)
-- RETURNING; every state change bumps version and is guarded by it.
CREATE TABLE jobs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    queue            TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    state            TEXT    NOT NULL DEFAULT 'available'
                     CHECK (state IN ('available', 'running', 'retryable', 'completed', 'dead')),
    priority         INTEGER NOT NULL DEFAULT 0,
    attempt          INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
    version          INTEGER NOT NULL DEFAULT 0,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    scheduled_at     INTEGER NOT NULL,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    finished_at      INTEGER
) STRICT;

-- claim: only claimable rows are indexed, in claim order, so a claim reads the first n entries
CREATE INDEX jobs_claim ON jobs (queue, priority, scheduled_at, id) WHERE state IN ('available', 'retryable');
-- reclaim of expired leases
CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE state = 'running';
-- retention of finished jobs
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state IN ('completed', 'dead');
