package io.scribehook.store.queue;

import java.time.Instant;

/**
 * A job row as it was read. {@code version} changes with every state change: a worker's
 * {@link JobQueue#complete}, {@link JobQueue#fail}, {@link JobQueue#retryAt} or {@link JobQueue#snooze} succeeds only if the row still has the version
 * (and the {@code running} state) its claim returned.
 *
 * @param attempt        attempts started so far, this one included (1 on the first run)
 * @param leaseOwner     the worker holding it while running, else null
 * @param leaseExpiresAt when the lease lapses unless renewed, else null
 * @param scheduledAt    not to be run before
 * @param lastError      the latest failure (or snooze reason), else null
 * @param uniqueKey      the request's {@link JobRequest#uniqueKey()}, else null
 */
public record Job(
        long id,
        String queue,
        String kind,
        String payload,
        JobState state,
        int attempt,
        int maxAttempts,
        long version,
        String leaseOwner,
        Instant leaseExpiresAt,
        Instant scheduledAt,
        String lastError,
        Instant createdAt,
        String uniqueKey) {}
