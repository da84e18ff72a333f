-- The first participant join of each appointment: one row, inserted in the transaction that records
-- the join, so scribe.meeting_started is announced once per appointment whatever the concurrency.
CREATE TABLE receiver_meetings (
    appointment_id TEXT PRIMARY KEY,
    started_at     BIGINT,
    webhook_id     BIGINT,
    recorded_at    BIGINT NOT NULL
);
-- Appointments joined before this table existed have started already: nothing to announce for them.
INSERT INTO receiver_meetings (appointment_id, started_at, webhook_id, recorded_at)
SELECT appointment_id, MIN(event_at), MIN(webhook_id), MIN(recorded_at)
FROM receiver_attendance WHERE action = 'joined' GROUP BY appointment_id;
