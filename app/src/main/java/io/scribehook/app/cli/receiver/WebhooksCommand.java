package io.scribehook.app.cli.receiver;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.HealthieApiOption;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.Webhook;
import io.scribehook.receiver.healthie.WebhookPage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scribehook receiver webhooks list|update|delete|rotate|test}: the registration's lifecycle at Healthie. */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Manage this receiver's webhook registrations at Healthie (SCRIBEHOOK_HEALTHIE_API_URL).")
public final class WebhooksCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered webhooks.")
    int list(@Mixin HealthieApiOption api, @Option(names = "--json", description = "print one JSON object a line") boolean json) {
        try (HealthieClient client = api.client()) {
            String after = null;
            int shown = 0;
            do {
                WebhookPage page = HealthieApiOption.require(client.listWebhooks(50, after), "webhooks");
                for (Webhook w : page.nodes()) {
                    System.out.println(json ? toJson(w) : line(w));
                    shown++;
                }
                after = page.hasNextPage() ? page.endCursor() : null;
            } while (after != null);
            if (shown == 0 && !json) {
                System.out.println("(no webhooks registered)");
            }
        }
        return 0;
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a webhook's URL, events, or enable/disable it.")
    int update(@Mixin HealthieApiOption api, @Parameters(paramLabel = "ID") String id,
               @Option(names = "--url") String url,
               @Option(names = "--enable", description = "enable") boolean enable,
               @Option(names = "--disable", description = "disable") boolean disable,
               @Option(names = "--events", split = ",", paramLabel = "EVENT") List<String> events) {
        if (enable && disable) {
            throw CliFailure.usage("--enable and --disable exclude each other");
        }
        if (url == null && !enable && !disable && events == null) {
            throw CliFailure.usage("nothing to change: give --url, --enable, --disable or --events");
        }
        try (HealthieClient client = api.client()) {
            print(HealthieApiOption.require(client.updateWebhook(id, url, enable ? Boolean.TRUE : disable ? Boolean.FALSE : null, null, events),
                    "updateWebhook " + id));
        }
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a webhook registration.")
    int delete(@Mixin HealthieApiOption api, @Parameters(paramLabel = "ID") String id) {
        try (HealthieClient client = api.client()) {
            System.out.println("deleted webhook " + HealthieApiOption.require(client.deleteWebhook(id), "deleteWebhook " + id));
        }
        return 0;
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Rotate a webhook's signature secret (expireWebhookSignature) and print the new one.",
                    "With --save the new secret is stored beside the old ones, so no delivery fails during the change."})
    int rotate(@Mixin HealthieApiOption api, @Parameters(paramLabel = "ID") String id,
               @Option(names = "--save", description = "store the new secret") boolean save,
               @Option(names = "--server", paramLabel = "URL", description = "admin API base URL, for --save") String server) {
        try (HealthieClient client = api.client()) {
            Webhook w = HealthieApiOption.require(client.expireWebhookSignature(id), "expireWebhookSignature " + id);
            if (w.signatureSecret() == null) {
                throw CliFailure.failed("the API did not return the new secret");
            }
            System.out.println("signature_secret: " + w.signatureSecret());
            if (save) {
                SecretsSaver.save(api.appConfig(), server, "healthie-" + w.id() + "-" + System.currentTimeMillis(), w.signatureSecret());
            }
        }
        return 0;
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Ask Healthie to send a test webhook (sendTestWebhook).")
    int test(@Mixin HealthieApiOption api, @Parameters(paramLabel = "ID") String id) {
        try (HealthieClient client = api.client()) {
            boolean sent = HealthieApiOption.require(client.sendTestWebhook(id), "sendTestWebhook " + id);
            if (!sent) {
                throw CliFailure.failed("the API did not send a test webhook for " + id);
            }
            System.out.println("test webhook sent for " + id);
        }
        return 0;
    }

    static void print(Webhook w) {
        System.out.println(line(w));
    }

    private static String line(Webhook w) {
        return "id " + w.id() + "  " + (w.isEnabled() ? "enabled " : "disabled") + "  retry " + (w.shouldRetry() ? "on " : "off")
                + "  " + w.url() + "  events " + String.join(",", w.eventTypes())
                + (w.warnedAt() != null ? "  warned_at " + w.warnedAt() : "");
    }

    private static String toJson(Webhook w) {
        return "{\"id\":" + ServerOrDatabase.quote(w.id()) + ",\"url\":" + ServerOrDatabase.quote(w.url())
                + ",\"is_enabled\":" + w.isEnabled() + ",\"should_retry\":" + w.shouldRetry()
                + ",\"event_types\":[" + String.join(",", w.eventTypes().stream().map(ServerOrDatabase::quote).toList()) + "]"
                + ",\"warned_at\":" + (w.warnedAt() == null ? "null" : ServerOrDatabase.quote(w.warnedAt().toString())) + "}";
    }
}
