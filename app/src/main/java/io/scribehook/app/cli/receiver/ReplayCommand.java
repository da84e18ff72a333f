package io.scribehook.app.cli.receiver;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.config.AppConfig;
import io.scribehook.receiver.inbox.Inbox;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.receiver.inbox.WebhookStatus;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scribehook receiver replay <id> | --failed [--since D]}: runs handlers again (effects stay idempotent). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Queue stored webhooks for processing again: one by id, or every failed and dead one.",
                "Calls the running server; with none running, queues directly in the database."})
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Parameters(paramLabel = "ID", description = "webhook log id") Long id;
        @Option(names = "--failed", description = "every webhook whose processing failed or died") boolean failed;
    }

    @Option(names = "--since", paramLabel = "D", description = "with --failed: received within this duration (7d) or since an ISO-8601 instant")
    String since;

    @Option(names = "--server", paramLabel = "URL", description = "admin API base URL")
    String server;

    @Override
    public Integer call() {
        AppConfig cfg = config.load();
        Instant from = since == null ? Instant.EPOCH : io.scribehook.receiver.http.TimeParam.parse(since, Clock.systemUTC());
        if (which.id != null) {
            long id = which.id;
            String out = ServerOrDatabase.run(cfg, server, c -> c.post("/api/receiver/webhooks/" + id + "/replay", null),
                    a -> "webhook " + id + " queued (job " + ServerOrDatabase.json(a.body()).path("job_id").asText() + ")",
                    db -> inbox(db).replay(id).map(j -> "webhook " + id + " queued in the database (job " + j + ")")
                            .orElseThrow(() -> CliFailure.failed("webhook " + id + " is not in the log or has nothing to replay")));
            System.out.println(out);
            return 0;
        }
        String query = since == null ? "" : "?since=" + from;
        String out = ServerOrDatabase.run(cfg, server, c -> c.post("/api/receiver/replay" + query, null),
                a -> ServerOrDatabase.json(a.body()).path("replayed").asText() + " webhooks queued",
                db -> {
                    Inbox inbox = inbox(db);
                    List<Long> ids = db.jdbi().withHandle(h -> WebhookLog.failedIds(h, from, 1000));
                    long queued = ids.stream().filter(i -> inbox.replay(i).isPresent()).count();
                    return queued + " webhooks queued in the database";
                });
        System.out.println(out);
        return 0;
    }

    private static Inbox inbox(io.scribehook.store.Database db) {
        return new Inbox(db, new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC()), Duration.ofHours(24), Clock.systemUTC());
    }
}
