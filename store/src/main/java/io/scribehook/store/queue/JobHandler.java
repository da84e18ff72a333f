package io.scribehook.store.queue;

/** Runs one job. Throwing is a retryable failure. Handlers must be idempotent: a job may run twice. */
@FunctionalInterface
public interface JobHandler {
    JobOutcome handle(Job job) throws Exception;
}
