package io.scribehook.app.cli.scribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.Progress;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.app.cli.receiver.ServerOrDatabase;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.time.Durations;
import io.scribehook.receiver.config.ReceiverConfig;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.http.TimeParam;
import io.scribehook.receiver.reconcile.ReconcileJson;
import io.scribehook.receiver.reconcile.Reconciler;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scribehook scribe reconcile [--since 7d] [--wait 2m] [--json]}: lists the appointments
 * whose webhooks were expected but not received, and the completed transcripts never processed,
 * processes them, and exits 1 if anything is left unprocessed.
 */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Find what the webhooks should have brought: (a) webhooks the sender's sentWebhooks log lists (failed "
                    + "ones included) that the local webhook log lacks or refused; (b) appointments (from "
                    + "appointments(startDate, endDate)) with a completed transcript never drafted, "
                    + "transcript_missing included.",
            "Prints each appointment id with its reason, queues the work the webhook would have caused (a refresh, "
                    + "the transcript job), and waits for it. Exit 0 when everything found was processed, 1 when "
                    + "something is left (or the Healthie API failed), 2 on a usage or configuration error.",
            "Calls the running server (progress on stderr); with none running, it reads the Healthie API itself, "
                    + "queues the work in the database for the server's next start, and exits 1 if it found anything."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  scribehook scribe reconcile --since 7d",
            "  scribehook scribe reconcile --since 2026-11-01T00:00:00Z --json"
        })
public final class ReconcileCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--since",
            paramLabel = "D",
            defaultValue = "7d",
            description = "How far back: a duration (90s, 15m, 36h, 7d) or an ISO-8601 instant (default: 7d).")
    String since;

    @Option(
            names = "--wait",
            paramLabel = "D",
            defaultValue = "2m",
            description = "How long to wait for the queued work to be processed (default: 2m, at most 1h).")
    String wait;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        Instant from = parseSince(since);
        Duration waitFor = parseWait(wait);
        AppConfig cfg = config.load();
        PrintWriter err = spec.commandLine().getErr();
        AdminClient client = AdminClient.forConfig(cfg, server.url);
        String query = "?since=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&wait="
                + URLEncoder.encode(Durations.format(waitFor), StandardCharsets.UTF_8);
        JsonNode report;
        try (Phases bar = new Phases(spec, json)) {
            report = reconcile(cfg, err, client, query, from, waitFor, bar);
        }
        print(report, spec.commandLine().getOut());
        return report.path("ok").asBoolean(false) ? 0 : 1;
    }

    private JsonNode reconcile(
            AppConfig cfg,
            PrintWriter err,
            AdminClient client,
            String query,
            Instant from,
            Duration waitFor,
            Phases bar) {
        return new ServerOrDatabase(cfg, server.url, err)
                .run(
                        c -> c.post("/api/scribe/reconcile" + query, null),
                        a -> follow(client, ServerOrDatabase.json(a.body()), waitFor, bar),
                        db -> {
                            ReceiverConfig rc = ReceiverConfig.from(cfg.source(), Optional.empty());
                            var api = rc.healthieApi()
                                    .orElseThrow(() -> CliFailure.usage(
                                            "SCRIBEHOOK_HEALTHIE_API_URL is not set: nothing to reconcile against"));
                            Clock clock = Clock.systemUTC();
                            try (HealthieClient healthie = new HealthieClient(api, clock)) {
                                Reconciler r = new Reconciler(
                                        db, new JobQueue(db, QueueSettings.defaults(), clock), healthie, clock);
                                return JSON.valueToTree(ReconcileJson.report(r.run(
                                        from,
                                        Duration.ZERO,
                                        p -> bar.show(JSON.valueToTree(ReconcileJson.progress(p))))));
                            }
                        });
    }

    /** Polls the run until it finishes, showing its progress on stderr. */
    private static JsonNode follow(AdminClient client, JsonNode started, Duration waitFor, Phases bar) {
        long id = started.path("run_id").asLong();
        long deadline = System.nanoTime() + waitFor.plus(Duration.ofMinutes(30)).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run;
            try {
                AdminClient.Answer a = client.get("/api/scribe/reconcile/" + id);
                if (!a.ok()) {
                    throw CliFailure.failed("the server answered " + a.status() + " for reconcile run " + id);
                }
                run = ServerOrDatabase.json(a.body());
            } catch (AdminClient.Unreachable e) {
                throw CliFailure.failed(e.getMessage() + " (it went away during reconcile run " + id + ")");
            }
            bar.show(run.path("progress"));
            if ("finished".equals(run.path("state").asText())) {
                return run.path("report");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliFailure.failed("interrupted while reconcile run " + id + " goes on in the server");
            }
        }
        throw CliFailure.failed("reconcile run " + id + " did not finish in time; it goes on in the server");
    }

    /**
     * A run's progress ({@code {phase, sent_scanned, appointments_scanned, missed, settled}}) as two
     * {@link Progress} stages: "Reconcile scan" counting the sent webhooks and appointments read
     * (no total known), then "Reconcile processing" counting the found appointments processed out
     * of those found.
     */
    private static final class Phases implements AutoCloseable {
        private final CommandSpec spec;
        private final boolean json;
        private Progress scan;
        private Progress processing;

        Phases(CommandSpec spec, boolean json) {
            this.spec = spec;
            this.json = json;
        }

        void show(JsonNode p) {
            String phase = p.path("phase").asText();
            if ("processing".equals(phase) || "done".equals(phase)) {
                closeScan(p);
                if (processing == null) {
                    processing = Progress.start("Reconcile processing", 0, spec, json);
                }
                processing.total(p.path("missed").asInt());
                processing.stepBy(p.path("settled").asInt() - processing.done());
            } else {
                if (scan == null) {
                    scan = Progress.start("Reconcile scan", 0, spec, json);
                }
                scan.stepBy(read(p) - scan.done());
            }
        }

        private void closeScan(JsonNode p) {
            if (scan != null) {
                scan.stepBy(read(p) - scan.done());
                scan.close();
                scan = null;
            }
        }

        private static long read(JsonNode p) {
            return p.path("sent_scanned").asLong()
                    + p.path("appointments_scanned").asLong();
        }

        @Override
        public void close() {
            if (scan != null) {
                scan.close();
            }
            if (processing != null) {
                processing.close();
            }
        }
    }

    private void print(JsonNode report, PrintWriter out) {
        if (json) {
            out.println(report.toString());
            out.flush();
            return;
        }
        out.println("appointment ids where webhooks were expected but not received or processed, since "
                + report.path("since").asText() + ":");
        if (report.path("missed").isEmpty()) {
            out.println("  none");
        }
        for (JsonNode m : report.path("missed")) {
            out.println("  " + m.path("appointment_id").asText() + "  "
                    + m.path("reason").asText() + "  " + m.path("detail").asText());
        }
        JsonNode left = report.path("unprocessed");
        out.println(
                left.isEmpty()
                        ? "everything found was processed"
                        : "left unprocessed: " + String.join(", ", JSON.convertValue(left, String[].class)));
        if (!report.path("error").isNull() && !report.path("error").isMissingNode()) {
            out.println("stopped early: " + report.path("error").asText());
        }
        out.flush();
    }

    private static Instant parseSince(String text) {
        try {
            return TimeParam.parse(text, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(
                    "--since '" + text + "' is not a duration (90s, 15m, 36h, 7d) or an ISO-8601 instant");
        }
    }

    private static Duration parseWait(String text) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--wait '" + text + "' is not a duration (90s, 15m)");
        }
        if (d.compareTo(Duration.ofHours(1)) > 0) {
            throw CliFailure.usage("--wait is at most 1h, not " + text);
        }
        return d;
    }
}
