-- Receiver: server keys, one random value (hex) per name, made on first use with
-- INSERT ... ON CONFLICT DO NOTHING and read back, so every instance on this database uses the same
-- one (the key of the attendance API's pseudonymous participant keys). And the participant's role
-- in each attendance row (host, participant or unknown), told when the row is recorded.
CREATE TABLE receiver_keys (
    name       TEXT PRIMARY KEY,
    value      TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

ALTER TABLE receiver_attendance ADD COLUMN participant_role TEXT;
