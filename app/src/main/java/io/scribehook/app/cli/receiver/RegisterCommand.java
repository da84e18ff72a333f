package io.scribehook.app.cli.receiver;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.HealthieApiOption;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.Webhook;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scribehook receiver register}: step 2 of the guide, createWebhook on the Healthie API. */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Register this receiver with Healthie (createWebhook on SCRIBEHOOK_HEALTHIE_API_URL) and print "
                    + "the webhook id and the signature secret read back.",
            "The URL and event types are checked before the API is called. With --save the secret is stored "
                    + "for verification: through the running server, or in the database when none runs."
        },
        modelTransformer = WebhookArgs.EventTypesSection.class,
        footerHeading = "%nExample:%n",
        footer = "  scribehook receiver register --url https://scribe.example.com/healthie-webhooks --save")
public final class RegisterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HealthieApiOption api;

    @Option(
            names = "--url",
            required = true,
            paramLabel = "URL",
            description = "Public http(s) URL of this receiver's webhook path, as Healthie will post to it.")
    String url;

    @Option(
            names = "--events",
            split = ",",
            paramLabel = "EVENT",
            description = "Comma-separated event types: full names, as listed under Event types below. "
                    + "Default: the guide's four, the first four listed.")
    List<String> events;

    @Option(
            names = "--disabled",
            description = "Register the webhook disabled (enable it later with webhooks update --enable).")
    boolean disabled;

    @Option(names = "--no-retry", description = "Ask the sender not to retry failed deliveries.")
    boolean noRetry;

    @Option(names = "--save", description = "Store the secret read back, so signatures verify at once.")
    boolean save;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        String target = WebhookArgs.url(url);
        List<String> types = events == null ? WebhookArgs.DEFAULT_EVENTS : WebhookArgs.events(events);
        if (server.url != null && !save) {
            throw CliFailure.usage("--server is only used with --save");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (HealthieClient client = api.client()) {
            ServerOrDatabase store = ServerOrDatabase.forSave(
                    save, api.appConfig(), server.url, spec.commandLine().getErr());
            Webhook w = HealthieApiOption.require(
                    client.createWebhook(target, types, !disabled, !noRetry), "createWebhook");
            out.println(WebhooksCommand.line(w));
            if (w.signatureSecret() != null) {
                out.println("signature_secret: " + w.signatureSecret());
                if (store != null) {
                    SecretsSaver.save(store, out, "healthie-" + w.id(), w.signatureSecret());
                }
            } else {
                out.println("signature_secret: (not returned by the API)");
            }
        }
        return 0;
    }
}
