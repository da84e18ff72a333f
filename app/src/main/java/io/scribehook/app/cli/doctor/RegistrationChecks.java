package io.scribehook.app.cli.doctor;

import io.scribehook.receiver.healthie.ExpectedRegistration;
import io.scribehook.receiver.healthie.FetchResult;
import io.scribehook.receiver.healthie.HealthieApiSettings;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.Webhook;
import io.scribehook.receiver.inbox.WebhookEntry;
import io.scribehook.receiver.inbox.WebhookFilter;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.receiver.inbox.WebhookStatus;
import io.scribehook.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Our registrations at Healthie ({@code webhooks}): present, enabled, not warned, URL and event
 * types as {@code receiver register} makes them ({@link ExpectedRegistration}); then, for each
 * enabled one, {@code sendTestWebhook} with a resource id of its own and a wait, polling the
 * local webhook log until the deadline, for that webhook to arrive (or be refused).
 */
final class RegistrationChecks {
    private static final Duration POLL = Duration.ofMillis(200);
    /** The receiver's clock and ours may differ a little: look this much before the send. */
    private static final Duration SKEW = Duration.ofSeconds(2);

    private final Optional<HealthieApiSettings> api;
    private final ExpectedRegistration expected;
    private final Database db;
    private final Duration wait;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param db the receiver's database, or null when it could not be opened (no test webhook then) */
    RegistrationChecks(
            Optional<HealthieApiSettings> api, ExpectedRegistration expected, Database db, Duration wait, Clock clock) {
        this.api = api;
        this.expected = expected;
        this.db = db;
        this.wait = wait;
        this.clock = clock;
    }

    void check(List<Finding> out) {
        if (api.isEmpty()) {
            out.add(
                    Finding.fail(
                            "registrations",
                            "SCRIBEHOOK_HEALTHIE_API_URL is not set, so the registrations cannot be read",
                            "set SCRIBEHOOK_HEALTHIE_API_URL (e.g. https://api.gethealthie.com/graphql) and SCRIBEHOOK_HEALTHIE_API_KEY"));
            return;
        }
        try (HealthieClient client = new HealthieClient(api.get(), clock)) {
            FetchResult<List<Webhook>> all = client.allWebhooks();
            if (!(all instanceof FetchResult.Found<List<Webhook>> found)) {
                out.add(Finding.fail(
                        "registrations",
                        "the Healthie API's webhooks query at " + api.get().endpoint() + " failed: " + reason(all),
                        "check SCRIBEHOOK_HEALTHIE_API_URL and SCRIBEHOOK_HEALTHIE_API_KEY"));
                return;
            }
            List<Webhook> ours = expected.ours(found.value());
            if (ours.isEmpty()) {
                out.add(Finding.fail(
                        "registrations",
                        "none of the " + found.value().size() + " webhooks registered at Healthie posts to path "
                                + expected.publicPath(),
                        "`scribehook receiver register --url "
                                + (expected.publicUrl() != null
                                        ? expected.publicUrl()
                                        : "https://YOUR-HOST" + expected.publicPath())
                                + " --save`"));
                return;
            }
            for (Webhook w : ours) {
                registration(w, out);
            }
            for (Webhook w : ours) {
                if (w.isEnabled()) {
                    testWebhook(client, w, out);
                }
            }
        }
    }

    private void registration(Webhook w, List<Finding> out) {
        String check = "registration " + w.id();
        boolean healthy = true;
        if (!w.isEnabled()) {
            healthy = false;
            out.add(Finding.fail(
                    check,
                    "disabled at Healthie (" + w.url() + "): no webhooks are sent to it",
                    "find why deliveries failed (`scribehook receiver log export --since 3d`), fix it, then "
                            + "`scribehook receiver webhooks update " + w.id() + " --enable`"));
        }
        if (w.warnedAt() != null) {
            healthy = false;
            out.add(Finding.fail(
                    check,
                    "warned at " + w.warnedAt() + ": Healthie's deliveries to " + w.url()
                            + " have been failing continuously",
                    "make the URL reachable over HTTPS with a valid certificate and answering 200 (see the test "
                            + "webhook below); Healthie disables it after 3 days of failures"));
        }
        if (expected.urlDiffers(w)) {
            healthy = false;
            out.add(Finding.fail(
                    check,
                    "posts to " + w.url() + ", expected " + expected.publicUrl(),
                    "`scribehook receiver webhooks update " + w.id() + " --url " + expected.publicUrl() + "`"));
        }
        List<String> missing = expected.missingEvents(w);
        if (!missing.isEmpty()) {
            healthy = false;
            java.util.LinkedHashSet<String> wanted = new java.util.LinkedHashSet<>(w.eventTypes());
            wanted.addAll(expected.eventTypes());
            out.add(Finding.fail(
                    check,
                    "does not subscribe to " + String.join(", ", missing),
                    "`scribehook receiver webhooks update " + w.id() + " --events " + String.join(",", wanted) + "`"));
        }
        if (healthy) {
            out.add(Finding.ok(check, "enabled, " + w.url() + ", events " + String.join(",", w.eventTypes())));
        }
    }

    private void testWebhook(HealthieClient client, Webhook w, List<Finding> out) {
        String check = "test webhook " + w.id();
        if (db == null) {
            out.add(Finding.warn(check, "not sent: the database is down, so its arrival could not be seen", null));
            return;
        }
        byte[] id = new byte[6];
        random.nextBytes(id);
        String marker = "doctor-" + HexFormat.of().formatHex(id);
        Instant sent = clock.instant();
        FetchResult<Boolean> asked = client.sendTestWebhook(w.id(), marker);
        if (!(asked instanceof FetchResult.Found<Boolean> f) || !f.value()) {
            out.add(Finding.fail(
                    check,
                    "sendTestWebhook failed: "
                            + (asked instanceof FetchResult.Found<Boolean> ? "not sent" : reason(asked)),
                    "check the API key's permissions; `scribehook receiver webhooks test " + w.id() + "` retries it"));
            return;
        }
        Instant since = sent.minus(SKEW);
        Instant deadline = sent.plus(wait);
        while (true) {
            Optional<WebhookEntry> arrived = db
                    .jdbi()
                    .withHandle(h -> WebhookLog.list(h, new WebhookFilter(null, null, marker, since, null, null, 1)))
                    .stream()
                    .findFirst();
            if (arrived.isPresent()) {
                WebhookEntry e = arrived.get();
                out.add(Finding.ok(
                        check,
                        "arrived after "
                                + Duration.between(sent, clock.instant()).toMillis() + " ms (log id " + e.id() + ", "
                                + e.status().id() + ", profile " + e.profile() + ", key " + e.keyId() + ")"));
                return;
            }
            List<WebhookEntry> refused = db.jdbi()
                    .withHandle(h -> WebhookLog.list(
                            h, new WebhookFilter(null, WebhookStatus.REJECTED, null, since, null, null, 1)));
            if (!refused.isEmpty()) {
                WebhookEntry e = refused.get(0);
                out.add(Finding.fail(
                        check,
                        "arrived and was refused: " + e.reason() + " (log id " + e.id() + ")",
                        refusalAction(w, e)));
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                out.add(Finding.fail(
                        check,
                        "did not arrive within " + wait.toSeconds() + " s",
                        "check that " + w.url() + " is publicly reachable, its TLS certificate is valid and "
                                + "`scribehook serve` runs behind it; else ask Healthie support about registration "
                                + w.id()));
                return;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static String refusalAction(Webhook w, WebhookEntry e) {
        String reason = e.reason() == null ? "" : e.reason();
        if (reason.contains("signature") || reason.contains("digest") || reason.contains("key")) {
            return "the stored secret does not match registration " + w.id() + "'s: "
                    + "`scribehook receiver webhooks rotate " + w.id() + " --save` (or set SCRIBEHOOK_WEBHOOK_SECRETS "
                    + "to its signature_secret)";
        }
        if (reason.contains("source") || reason.contains("ip")) {
            return "the sender's address is not allowed: check SCRIBEHOOK_IP_ALLOWLIST and SCRIBEHOOK_TRUSTED_PROXIES";
        }
        return "see `scribehook receiver log export --since 1h` for the refusal and fix what it names";
    }

    static String reason(FetchResult<?> r) {
        return switch (r) {
            case FetchResult.Found<?> f -> "found";
            case FetchResult.NotFound<?> n -> "not found";
            case FetchResult.TransientFailure<?> t -> t.reason() + " (temporary)";
            case FetchResult.PermanentFailure<?> p -> p.reason();
            case FetchResult.Unavailable<?> u -> "circuit open until " + u.until();
        };
    }
}
