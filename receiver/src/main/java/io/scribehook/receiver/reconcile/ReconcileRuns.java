package io.scribehook.receiver.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconcile runs started through the admin API, each on a virtual thread of its own; callers poll
 * their progress and report. The last {@link #KEPT} runs are remembered, in memory only.
 */
public final class ReconcileRuns {
    static final int KEPT = 20;
    private final Reconciler reconciler;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Run> runs = new LinkedHashMap<>();

    public ReconcileRuns(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** A run's state: its latest progress, and its report once finished. */
    public static final class Run {
        private final long id;
        private final Instant since;
        private volatile ReconcileProgress progress = ReconcileProgress.START;
        private volatile ReconcileReport report;

        Run(long id, Instant since) {
            this.id = id;
            this.since = since;
        }

        public long id() {
            return id;
        }

        public Instant since() {
            return since;
        }

        public ReconcileProgress progress() {
            return progress;
        }

        /** Empty while it runs. */
        public Optional<ReconcileReport> report() {
            return Optional.ofNullable(report);
        }
    }

    /** Starts a run over [since, now], waiting up to {@code wait} for processing. */
    public Run start(Instant since, Duration wait) {
        Run run = new Run(ids.incrementAndGet(), since);
        synchronized (runs) {
            runs.put(run.id, run);
            while (runs.size() > KEPT) {
                runs.remove(runs.keySet().iterator().next());
            }
        }
        Instant started = Instant.now();
        Thread.ofVirtual().name("reconcile-" + run.id).start(() -> {
            try {
                run.report = reconciler.run(since, wait, p -> run.progress = p);
            } catch (RuntimeException e) {
                run.report = new ReconcileReport(
                        since,
                        started,
                        Instant.now(),
                        run.progress,
                        java.util.List.of(),
                        java.util.List.of(),
                        "reconcile failed: " + e.getClass().getSimpleName());
            }
        });
        return run;
    }

    public Optional<Run> get(long id) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id));
        }
    }
}
