package io.scribehook.app.cli.receiver;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.HealthieApiOption;
import io.scribehook.core.time.Durations;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.Webhook;
import io.scribehook.receiver.healthie.WebhookPage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scribehook receiver webhooks list|update|delete|rotate|test}: the registration's lifecycle at Healthie. */
@Command(
        name = "webhooks",
        mixinStandardHelpOptions = true,
        description = "Manage this receiver's webhook registrations at Healthie (SCRIBEHOOK_HEALTHIE_API_URL).",
        footerHeading = "%nExample:%n",
        footer = "  scribehook receiver webhooks list")
public final class WebhooksCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the registered webhooks, every page.",
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver webhooks list --json")
    int list(
            @Mixin HealthieApiOption api,
            @Option(names = "--json", description = "Print one JSON object a line.") boolean json) {
        try (HealthieClient client = api.client()) {
            String after = null;
            int shown = 0;
            do {
                WebhookPage page = HealthieApiOption.require(client.listWebhooks(50, after), "webhooks");
                for (Webhook w : page.nodes()) {
                    out().println(json ? toJson(w) : line(w));
                    shown++;
                }
                after = page.hasNextPage() ? page.endCursor() : null;
            } while (after != null);
            if (shown == 0 && !json) {
                out().println("(no webhooks registered)");
            }
        }
        return 0;
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = {
                "Change a webhook's URL or event types, or enable or disable it (updateWebhook).",
                "Options not given stay as they are. The URL and event types are checked before the API is called."
            },
            modelTransformer = WebhookArgs.EventTypesSection.class,
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver webhooks update 42 --events appointment.transcript_available --enable")
    int update(
            @Mixin HealthieApiOption api,
            @Parameters(paramLabel = "ID", description = "The webhook's id, as `webhooks list` shows it.") String id,
            @Option(
                            names = "--url",
                            paramLabel = "URL",
                            description = "New public http(s) URL of this receiver's webhook path.")
                    String url,
            @Option(names = "--enable", description = "Enable the webhook.") boolean enable,
            @Option(names = "--disable", description = "Disable the webhook (Healthie stops sending to it).")
                    boolean disable,
            @Option(
                            names = "--events",
                            split = ",",
                            paramLabel = "EVENT",
                            description =
                                    "Replace the event types with these: comma-separated full names, as listed under "
                                            + "Event types below.")
                    List<String> events) {
        if (enable && disable) {
            throw CliFailure.usage("--enable and --disable exclude each other");
        }
        if (url == null && !enable && !disable && events == null) {
            throw CliFailure.usage("nothing to change: give --url, --enable, --disable or --events");
        }
        String target = url == null ? null : WebhookArgs.url(url);
        List<String> types = events == null ? null : WebhookArgs.events(events);
        try (HealthieClient client = api.client()) {
            out().println(line(HealthieApiOption.require(
                    client.updateWebhook(
                            id, target, enable ? Boolean.TRUE : disable ? Boolean.FALSE : null, null, types),
                    "updateWebhook " + id)));
        }
        return 0;
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a webhook registration (deleteWebhook).",
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver webhooks delete 42")
    int delete(
            @Mixin HealthieApiOption api,
            @Parameters(paramLabel = "ID", description = "The webhook's id, as `webhooks list` shows it.") String id) {
        try (HealthieClient client = api.client()) {
            out().println("deleted webhook "
                    + HealthieApiOption.require(client.deleteWebhook(id), "deleteWebhook " + id));
        }
        return 0;
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = {
                "Rotate a webhook's signature secret (expireWebhookSignature) and print the new one.",
                "With --save the new secret is stored beside the old ones, so no delivery fails during the change."
            },
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver webhooks rotate 42 --overlap 24h --save")
    int rotate(
            @Mixin HealthieApiOption api,
            @Parameters(paramLabel = "ID", description = "The webhook's id, as `webhooks list` shows it.") String id,
            @Option(
                            names = "--save",
                            description = "Store the new secret (through the running server, else in the database).")
                    boolean save,
            @Option(
                            names = "--overlap",
                            paramLabel = "D",
                            description =
                                    "How long the old secret still signs (such as 24h or 7d; 0s: stop at once); default: the sender's.")
                    String overlap,
            @Mixin ServerOption server) {
        if (server.url != null && !save) {
            throw CliFailure.usage("--server is only used with --save");
        }
        Duration keep = null;
        if (overlap != null) {
            try {
                keep = Durations.parse(overlap);
            } catch (IllegalArgumentException e) {
                throw CliFailure.usage("--overlap: " + e.getMessage());
            }
        }
        try (HealthieClient client = api.client()) {
            ServerOrDatabase store = ServerOrDatabase.forSave(
                    save, api.appConfig(), server.url, spec.commandLine().getErr());
            Webhook w =
                    HealthieApiOption.require(client.expireWebhookSignature(id, keep), "expireWebhookSignature " + id);
            if (w.signatureSecret() == null) {
                throw CliFailure.failed("the API did not return the new secret");
            }
            out().println("signature_secret: " + w.signatureSecret());
            if (store != null) {
                SecretsSaver.save(
                        store, out(), "healthie-" + w.id() + "-" + System.currentTimeMillis(), w.signatureSecret());
            }
        }
        return 0;
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = "Ask Healthie to send a test webhook (sendTestWebhook).",
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver webhooks test 42")
    int test(
            @Mixin HealthieApiOption api,
            @Parameters(paramLabel = "ID", description = "The webhook's id, as `webhooks list` shows it.") String id) {
        try (HealthieClient client = api.client()) {
            boolean sent = HealthieApiOption.require(client.sendTestWebhook(id), "sendTestWebhook " + id);
            if (!sent) {
                throw CliFailure.failed("the API did not send a test webhook for " + id);
            }
            out().println("test webhook sent for " + id);
        }
        return 0;
    }

    static String line(Webhook w) {
        return "id " + w.id() + "  " + (w.isEnabled() ? "enabled " : "disabled") + "  retry "
                + (w.shouldRetry() ? "on " : "off")
                + "  " + w.url() + "  events " + String.join(",", w.eventTypes())
                + (w.warnedAt() != null ? "  warned_at " + w.warnedAt() : "");
    }

    private static String toJson(Webhook w) {
        return "{\"id\":" + ServerOrDatabase.quote(w.id()) + ",\"url\":" + ServerOrDatabase.quote(w.url())
                + ",\"is_enabled\":" + w.isEnabled() + ",\"should_retry\":" + w.shouldRetry()
                + ",\"event_types\":["
                + String.join(
                        ",",
                        w.eventTypes().stream().map(ServerOrDatabase::quote).toList()) + "]"
                + ",\"warned_at\":"
                + (w.warnedAt() == null
                        ? "null"
                        : ServerOrDatabase.quote(w.warnedAt().toString())) + "}";
    }
}
