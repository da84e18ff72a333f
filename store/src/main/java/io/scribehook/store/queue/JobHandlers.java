package io.scribehook.store.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The handlers of a {@link WorkerPool}, one per job kind:
 * {@code JobHandlers.create().on("webhook", processor::process).on("refresh", refresher::refresh)}.
 * Immutable; {@link #on} returns a new registry. A claimed job of a kind without a handler is dead
 * at once, with a reason naming the kind (its producer is newer than this process, or mistaken).
 */
public final class JobHandlers implements JobHandler {
    private final Map<String, JobHandler> byKind;

    private JobHandlers(Map<String, JobHandler> byKind) {
        this.byKind = byKind;
    }

    /** A registry without handlers. */
    public static JobHandlers create() {
        return new JobHandlers(Map.of());
    }

    /** This registry plus {@code handler} for jobs of {@code kind}; each kind has one handler. */
    public JobHandlers on(String kind, JobHandler handler) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be blank");
        }
        Objects.requireNonNull(handler, "handler");
        if (byKind.containsKey(kind)) {
            throw new IllegalArgumentException("job kind " + kind + " already has a handler");
        }
        Map<String, JobHandler> more = new LinkedHashMap<>(byKind);
        more.put(kind, handler);
        return new JobHandlers(Map.copyOf(more));
    }

    /** The kinds with a handler. */
    public Set<String> kinds() {
        return byKind.keySet();
    }

    /** Runs the handler of the job's kind; a kind without one fails the job for good. */
    @Override
    public JobOutcome handle(Job job) throws Exception {
        JobHandler h = byKind.get(job.kind());
        if (h == null) {
            return JobOutcome.fail("no handler for job kind " + job.kind() + " (handled here: "
                    + String.join(", ", byKind.keySet().stream().sorted().toList()) + ")");
        }
        return h.handle(job);
    }
}
