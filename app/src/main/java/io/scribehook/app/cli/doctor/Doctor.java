package io.scribehook.app.cli.doctor;

import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.config.AppConfig;
import io.scribehook.app.config.Role;
import io.scribehook.app.server.TlsConfig;
import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.delivery.DeliveryConfig;
import io.scribehook.hub.HubSettings;
import io.scribehook.receiver.config.ReceiverConfig;
import io.scribehook.receiver.healthie.ExpectedRegistration;
import io.scribehook.receiver.healthie.RegistrationWatch;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.Readiness;
import io.scribehook.store.StoreException;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checks of {@code scribehook doctor}, in the order of the guide's troubleshooting section:
 * configuration, database, the running server (readiness, circuit breaker), our registrations at
 * Healthie and a test webhook through them, then the webhook log (last arrival per event type)
 * and the dead jobs.
 *
 * <p>It reads the configuration and opens the database itself (it changes nothing there: the
 * schema is migrated by opening it, as {@code serve} would), so it can tell which part is down
 * when the server is; what only the server knows (its circuit breaker) it reads from the running
 * server's public {@code /readyz} and {@code /metrics}.
 */
public final class Doctor {
    /**
     * @param publicUrl the URL Healthie should post to, or null to match registrations by path only
     * @param events the event types our registrations must carry
     * @param server the running server's base URL, or null for the configured address
     */
    public record Options(Duration testWait, String publicUrl, List<String> events, String server) {}

    private final ConfigSource source;
    private final Options options;
    private final Clock clock;

    public Doctor(ConfigSource source, Options options, Clock clock) {
        this.source = source;
        this.options = options;
        this.clock = clock;
    }

    /** Runs every check; the deployment is healthy when no finding is {@link Finding.Verdict#FAIL}. */
    public List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        AppConfig config;
        Optional<ReceiverConfig> receiver;
        try {
            config = AppConfig.from(source);
            receiver = config.has(Role.RECEIVER)
                    ? Optional.of(ReceiverConfig.from(source, Optional.empty()))
                    : Optional.empty();
            if (receiver.isPresent()) {
                RegistrationWatch.interval(source);
            }
            if (config.has(Role.HUB)) {
                HubSettings.from(source);
            }
            DeliveryConfig.from(source);
            TlsConfig.from(source);
        } catch (ConfigException e) {
            out.add(Finding.fail(
                    "configuration",
                    e.getMessage(),
                    "correct that key (environment or config file), then run doctor again"));
            return out;
        }
        out.add(Finding.ok(
                "configuration",
                "valid (roles "
                        + String.join(
                                ",",
                                config.roles().stream().map(Role::id).sorted().toList()) + ", database "
                        + config.redactedDatabaseUrl() + ")"));
        Database db = openDatabase(config, out);
        try {
            new ServerChecks(AdminClient.forConfig(config, options.server())).check(out);
            if (receiver.isPresent()) {
                ReceiverConfig rc = receiver.get();
                ExpectedRegistration expected =
                        new ExpectedRegistration(rc.publicPath(), options.publicUrl(), options.events());
                // read before the test webhooks, which would otherwise count as the last arrivals
                List<Finding> last = new ArrayList<>();
                if (db != null) {
                    lastReceived(db, expected, last);
                }
                new RegistrationChecks(rc.healthieApi(), expected, db, options.testWait(), clock).check(out);
                out.addAll(last);
            }
            if (db != null) {
                deadJobs(db, config, out);
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
        return out;
    }

    /** Whether none of {@code findings} is a failure. */
    public static boolean healthy(List<Finding> findings) {
        return findings.stream().noneMatch(f -> f.verdict() == Finding.Verdict.FAIL);
    }

    private static Database openDatabase(AppConfig config, List<Finding> out) {
        Path file = config.sqliteFile();
        if (file != null && !Files.isRegularFile(file)) {
            out.add(Finding.fail(
                    "database",
                    "no database at " + file,
                    "start `scribehook serve` once with this configuration (it creates the database), or set "
                            + "SCRIBEHOOK_DATA_DIR or SCRIBEHOOK_DATABASE_URL to the server's"));
            return null;
        }
        Database db;
        try {
            db = Database.open(DatabaseSettings.of(config.databaseUrl()));
        } catch (StoreException e) {
            out.add(Finding.fail(
                    "database",
                    "unreachable: " + e.getMessage(),
                    "check SCRIBEHOOK_DATABASE_URL and that the database server runs and accepts connections"));
            return null;
        }
        Readiness r = db.readiness();
        if (r.ready()) {
            out.add(Finding.ok("database", "reachable and migrated (" + r.detail() + ")"));
        } else {
            out.add(Finding.fail("database", r.detail(), "check SCRIBEHOOK_DATABASE_URL and the database server"));
        }
        return db;
    }

    private void lastReceived(Database db, ExpectedRegistration expected, List<Finding> out) {
        Map<String, Instant> last;
        try {
            last = new TreeMap<>(db.jdbi().withHandle(WebhookLog::lastReceivedByEventType));
        } catch (RuntimeException e) {
            out.add(Finding.fail("webhook log", "could not be read: " + e.getMessage(), "check the database"));
            return;
        }
        Instant now = clock.instant();
        Map<String, String> lines = new TreeMap<>();
        expected.eventTypes().forEach(type -> lines.put(type, "never received"));
        last.forEach((type, at) ->
                lines.put(type, at.truncatedTo(ChronoUnit.SECONDS) + " (" + ago(Duration.between(at, now)) + " ago)"));
        lines.forEach((type, text) -> out.add(Finding.info("last " + type, text)));
    }

    private void deadJobs(Database db, AppConfig config, List<Finding> out) {
        try {
            if (config.has(Role.RECEIVER)) {
                long dead = new JobQueue(db, QueueSettings.defaults(), clock)
                        .counts(Jobs.QUEUE)
                        .dead();
                if (dead > 0) {
                    out.add(Finding.fail(
                            "dead jobs",
                            dead + " jobs of the receiver queue gave up",
                            "read the reasons (`scribehook receiver log export --since 7d`), fix the cause, then "
                                    + "`scribehook receiver replay --failed --since 7d`"));
                } else {
                    out.add(Finding.ok("dead jobs", "none in the receiver queue"));
                }
            }
            long deliveries = new JobQueue(db, QueueSettings.defaults(), clock)
                    .counts(io.scribehook.delivery.Outbox.QUEUE)
                    .dead();
            if (deliveries > 0) {
                out.add(Finding.info(
                        "dead deliveries",
                        deliveries
                                + " outgoing deliveries gave up (their targets failed for the whole retry schedule)"));
            }
        } catch (RuntimeException e) {
            out.add(Finding.fail("dead jobs", "could not be counted: " + e.getMessage(), "check the database"));
        }
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172_800) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }
}
