package io.scribehook.app.cli.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.Progress;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
        footer = {
            "  scribehook receiver replay 42",
            "  scribehook receiver replay --failed --since 7d",
            "",
            "With --failed, progress (count, rate, ETA) goes to stderr: a bar on a terminal, a line every few "
                    + "seconds otherwise, nothing with --json."
        })
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

    @Option(names = "--json", description = "Print the result as one JSON object, and no progress on stderr.")
    boolean json;

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
        String out = which.id != null ? one(target, which.id, json) : failed(target, from);
        spec.commandLine().getOut().println(out);
        return 0;
    }

    private static String one(ServerOrDatabase target, long id, boolean json) {
        return target.run(
                c -> c.post("/api/receiver/webhooks/" + id + "/replay", null),
                a -> {
                    JsonNode n = ServerOrDatabase.json(a.body());
                    long queued = n.path("queued_webhook_id").asLong(id);
                    String job = n.path("job_id").asText();
                    return json ? oneJson(id, queued, job) : describe(id, queued, job, "");
                },
                db -> inbox(db)
                        .replay(id)
                        .map(r -> json
                                ? oneJson(id, r.queuedWebhookId(), Long.toString(r.jobId()))
                                : describe(r, " in the database"))
                        .orElseThrow(() -> CliFailure.failed("webhook " + id
                                + " is not in the log or has nothing to replay (rejected or ignored)")));
    }

    /**
     * Replays every failed and dead webhook received since {@code from}, one at a time, with
     * {@link Progress} on stderr: through the server (its list, then one replay call per webhook) or
     * in the database.
     */
    private String failed(ServerOrDatabase target, Instant from) {
        Bulk done = target.run(
                c -> {
                    List<Long> ids = new ArrayList<>();
                    AdminClient.Answer refused = listInto(c, "failed", from, ids, true);
                    if (refused == null) {
                        refused = listInto(c, "dead", from, ids, false);
                    }
                    if (refused != null) {
                        return refused;
                    }
                    Collections.sort(ids);
                    List<Long> queued = new ArrayList<>();
                    try (Progress p = Progress.start("Replaying", ids.size(), spec, json)) {
                        for (long id : ids) {
                            AdminClient.Answer a = replayOnServer(c, id, queued.size(), ids.size());
                            if (a.ok()) {
                                queued.add(id);
                            } else if (a.status() != 404) {
                                return a;
                            }
                            p.step();
                        }
                    }
                    return new AdminClient.Answer(200, bulkJson(queued));
                },
                a -> new Bulk(ids(ServerOrDatabase.json(a.body())), ""),
                db -> {
                    Inbox inbox = inbox(db);
                    List<Long> ids = db.jdbi().withHandle(h -> WebhookLog.failedIds(h, from, Integer.MAX_VALUE));
                    List<Long> queued = new ArrayList<>();
                    try (Progress p = Progress.start("Replaying", ids.size(), spec, json)) {
                        for (long id : ids) {
                            inbox.replay(id).ifPresent(r -> queued.add(id));
                            p.step();
                        }
                    }
                    return new Bulk(queued, " in the database");
                });
        return json ? bulkJson(done.queued()) : done.queued().size() + " webhooks queued" + done.where();
    }

    private record Bulk(List<Long> queued, String where) {}

    /**
     * Adds the ids of webhooks in {@code status} to {@code ids}; a refusal is returned as is. Only the
     * {@code first} call of a command may find no server (then the command uses the database).
     */
    private static AdminClient.Answer listInto(
            AdminClient c, String status, Instant from, List<Long> ids, boolean first) throws AdminClient.Unreachable {
        String cursor = null;
        do {
            String path = "/api/receiver/webhooks?status=" + status + "&limit=500&since=" + from
                    + (cursor == null ? "" : "&cursor=" + cursor);
            AdminClient.Answer a = first && cursor == null ? c.get(path) : midway(c, path);
            if (!a.ok()) {
                return a;
            }
            JsonNode page = ServerOrDatabase.json(a.body());
            page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return null;
    }

    /** A call after the first one: the server going away now is a failure, not a reason to use the database. */
    private static AdminClient.Answer midway(AdminClient c, String path) {
        try {
            return c.get(path);
        } catch (AdminClient.Unreachable e) {
            throw CliFailure.failed("the server stopped answering while listing failed webhooks");
        }
    }

    private static AdminClient.Answer replayOnServer(AdminClient c, long id, int queued, int total) {
        try {
            return c.post("/api/receiver/webhooks/" + id + "/replay", null);
        } catch (AdminClient.Unreachable e) {
            throw CliFailure.failed(
                    "the server stopped answering after " + queued + " of " + total + " webhooks were queued");
        }
    }

    private static String bulkJson(List<Long> queued) {
        return "{\"replayed\":" + queued.size() + ",\"webhook_ids\":"
                + queued.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")) + "}";
    }

    private static List<Long> ids(JsonNode bulk) {
        List<Long> out = new ArrayList<>();
        bulk.path("webhook_ids").forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static String oneJson(long id, long queued, String job) {
        return "{\"webhook_id\":" + id + ",\"queued_webhook_id\":" + queued + ",\"job_id\":" + job + "}";
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
