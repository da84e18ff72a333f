package io.scribehook.receiver.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reconcile run.
 *
 * @param missed every appointment found, with its reason
 * @param unprocessed ids of found appointments not processed when the run ended (queued but not done
 *     within the wait, or failed)
 * @param error why the run stopped early (the Healthie API failed); null when it ran through
 */
public record ReconcileReport(
        Instant since,
        Instant startedAt,
        Instant finishedAt,
        ReconcileProgress progress,
        List<Missed> missed,
        List<String> unprocessed,
        String error) {
    public ReconcileReport {
        missed = List.copyOf(missed);
        unprocessed = List.copyOf(unprocessed);
    }

    /** Nothing left unprocessed and no error. */
    public boolean ok() {
        return error == null && unprocessed.isEmpty();
    }
}
