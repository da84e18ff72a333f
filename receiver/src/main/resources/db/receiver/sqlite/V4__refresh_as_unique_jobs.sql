-- Coalesced appointment refreshes move from receiver_refresh_pending to unique jobs of the queue
-- (key refresh:<appointment id>, see store's V4); the lowest pending job per appointment takes the key.
UPDATE jobs SET unique_key = 'refresh:' || payload
WHERE id IN (SELECT min(id) FROM jobs WHERE queue = 'receiver' AND kind = 'refresh'
             AND state IN ('available', 'retryable') GROUP BY payload);
DROP TABLE receiver_refresh_pending;
