-- The search index log: one entry per change to an appointment's searchable text (a note version
-- and its transcript stored), written in the transaction that stores it. Every instance keeps its
-- own Lucene index and applies the entries after its checkpoint, so a note drafted on one instance
-- becomes searchable on all. seq comes from the single counter row: its row lock is held to the
-- commit, so concurrent writers take numbers in commit order and a reader that has applied every
-- entry up to N never later sees a commit with a smaller number. Ids only, no text.
CREATE TABLE scribe_index_counter (
    id  INTEGER PRIMARY KEY,
    seq BIGINT  NOT NULL
);
INSERT INTO scribe_index_counter (id, seq) VALUES (1, 0);

CREATE TABLE scribe_index_log (
    seq            BIGINT PRIMARY KEY,
    appointment_id TEXT   NOT NULL,
    logged_at      BIGINT NOT NULL
);
