package io.scribehook.app.cli.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.config.AppConfig;
import io.scribehook.receiver.http.TimeParam;
import io.scribehook.receiver.inbox.Inbox;
import io.scribehook.receiver.inbox.Replayed;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.store.Database;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scribehook receiver replay <id> | --failed [--since D]}: runs handlers again (effects stay idempotent). */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Queue stored webhooks for processing again: one by id, or every failed and dead one.",
            "Replaying a duplicate queues its original. Handlers are idempotent, so a replay has no second effect "
                    + "beyond what changed at the source. Calls the running server; with none running, queues "
                    + "directly in the database."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  scribehook receiver replay 42", "  scribehook receiver replay --failed --since 7d"})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Parameters(paramLabel = "ID", description = "The webhook log id to replay.")
        Long id;

        @Option(names = "--failed", description = "Replay every webhook whose processing failed or died.")
        boolean failed;
    }

    @Option(
            names = "--since",
            paramLabel = "D",
            description = "With --failed: only webhooks received within this duration (90s, 15m, 36h, 7d) or since an "
                    + "ISO-8601 instant.")
    String since;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        if (which.id != null && since != null) {
            throw CliFailure.usage("--since applies to --failed only; give a webhook id, or --failed [--since D]");
        }
        Instant from = since == null ? Instant.EPOCH : since(since);
        AppConfig cfg = config.load();
        ServerOrDatabase target =
                new ServerOrDatabase(cfg, server.url, spec.commandLine().getErr());
        String out = which.id != null ? one(target, which.id) : failed(target, from);
        spec.commandLine().getOut().println(out);
        return 0;
    }

    private static String one(ServerOrDatabase target, long id) {
        return target.run(
                c -> c.post("/api/receiver/webhooks/" + id + "/replay", null),
                a -> {
                    JsonNode n = ServerOrDatabase.json(a.body());
                    return describe(
                            id,
                            n.path("queued_webhook_id").asLong(id),
                            n.path("job_id").asText(),
                            "");
                },
                db -> inbox(db)
                        .replay(id)
                        .map(r -> describe(r, " in the database"))
                        .orElseThrow(() -> CliFailure.failed("webhook " + id
                                + " is not in the log or has nothing to replay (rejected or ignored)")));
    }

    private static String failed(ServerOrDatabase target, Instant from) {
        String query = from.equals(Instant.EPOCH) ? "" : "?since=" + from;
        return target.run(
                c -> c.post("/api/receiver/replay" + query, null),
                a -> ServerOrDatabase.json(a.body()).path("replayed").asText() + " webhooks queued",
                db -> {
                    Inbox inbox = inbox(db);
                    List<Long> ids = db.jdbi().withHandle(h -> WebhookLog.failedIds(h, from, 1000));
                    long queued = ids.stream()
                            .filter(i -> inbox.replay(i).isPresent())
                            .count();
                    return queued + " webhooks queued in the database";
                });
    }

    private static String describe(Replayed r, String where) {
        return describe(r.webhookId(), r.queuedWebhookId(), Long.toString(r.jobId()), where);
    }

    private static String describe(long id, long queued, String job, String where) {
        return (id == queued
                        ? "webhook " + id + " queued"
                        : "webhook " + id + " is a duplicate of " + queued + "; queued " + queued)
                + where + " (job " + job + ")";
    }

    private static Instant since(String text) {
        try {
            return TimeParam.parse(text, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(
                    "--since '" + text + "' is not a duration (90s, 15m, 36h, 7d) or an ISO-8601 instant");
        }
    }

    private static Inbox inbox(Database db) {
        return new Inbox(
                db,
                new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC()),
                Duration.ofHours(24),
                Clock.systemUTC());
    }
}
