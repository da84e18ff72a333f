package io.scribehook.receiver.reconcile;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scribehook.core.http.ApiException;
import io.scribehook.core.time.Durations;
import io.scribehook.receiver.http.TimeParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /api/scribe/reconcile?since=7d&wait=2m} starts a reconcile run (202, {@code run_id});
 * {@code GET /api/scribe/reconcile/{id}} answers its progress and, once finished, its report.
 * Without a Healthie API configured, starting answers 503 {@code not_configured}.
 */
public final class ReconcileRoutes {
    /** The longest wait for processing a caller may ask for. */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    private final Optional<ReconcileRuns> runs;
    private final Clock clock;

    public ReconcileRoutes(Optional<ReconcileRuns> runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    public void register(RoutesConfig r) {
        r.post("/api/scribe/reconcile", this::start);
        r.get("/api/scribe/reconcile/{id}", this::show);
    }

    private void start(Context ctx) {
        ReconcileRuns rs = runs.orElseThrow(() -> new ApiException(
                503,
                "not_configured",
                "no Healthie API configured (set SCRIBEHOOK_HEALTHIE_API_URL): nothing to reconcile against"));
        String sinceText = Optional.ofNullable(ctx.queryParam("since")).orElse("7d");
        Instant since;
        try {
            since = TimeParam.parse(sinceText, clock);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest("since " + e.getMessage());
        }
        Duration wait;
        try {
            wait = Optional.ofNullable(ctx.queryParam("wait"))
                    .map(Durations::parse)
                    .orElse(Duration.ofMinutes(2));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest("wait '" + ctx.queryParam("wait") + "' is not a duration (90s, 15m)");
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            throw ApiException.invalidRequest("wait is at most 1h");
        }
        ctx.status(202).json(ReconcileJson.run(rs.start(since, wait)));
    }

    private void show(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest("run id '" + ctx.pathParam("id") + "' is not a number");
        }
        ReconcileRuns.Run run = runs.flatMap(rs -> rs.get(id))
                .orElseThrow(() -> ApiException.notFound("no reconcile run " + id + " (runs are kept in memory: "
                        + "the last " + ReconcileRuns.KEPT + " since the server started)"));
        ctx.json(ReconcileJson.run(run));
    }
}
