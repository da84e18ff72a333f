package io.scribehook.app.cli.receiver;

import io.scribehook.app.cli.HealthieApiOption;
import io.scribehook.core.event.EventTypes;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.Webhook;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scribehook receiver register}: step 2 of the guide, createWebhook on the Healthie API. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Register this receiver with Healthie (createWebhook on SCRIBEHOOK_HEALTHIE_API_URL) and print",
                "the webhook id and the signature secret read back. --save stores the secret for verification."})
public final class RegisterCommand implements Callable<Integer> {
    @Mixin
    HealthieApiOption api;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "public URL of this receiver's webhook path")
    String url;

    @Option(names = "--events", split = ",", paramLabel = "EVENT",
            description = "event types (default: the guide's four: transcript_available, recording_started, recording_stopped, participant_joined)")
    List<String> events;

    @Option(names = "--disabled", description = "register disabled")
    boolean disabled;

    @Option(names = "--no-retry", description = "ask the sender not to retry failed deliveries")
    boolean noRetry;

    @Option(names = "--save", description = "store the secret read back (through the running server, else the database)")
    boolean save;

    @Option(names = "--server", paramLabel = "URL", description = "admin API base URL, for --save")
    String server;

    @Override
    public Integer call() {
        List<String> types = events == null || events.isEmpty() ? EventTypes.appointmentFamily().stream().limit(4).toList() : events;
        try (HealthieClient client = api.client()) {
            Webhook w = HealthieApiOption.require(client.createWebhook(url, types, !disabled, !noRetry), "createWebhook");
            WebhooksCommand.print(w);
            if (w.signatureSecret() != null) {
                System.out.println("signature_secret: " + w.signatureSecret());
                if (save) {
                    SecretsSaver.save(api.appConfig(), server, "healthie-" + w.id(), w.signatureSecret());
                }
            } else {
                System.out.println("signature_secret: (not returned by the API)");
            }
        }
        return 0;
    }
}
