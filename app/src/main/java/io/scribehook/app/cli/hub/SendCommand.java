package io.scribehook.app.cli.hub;

import io.scribehook.app.cli.CliFailure;
import io.scribehook.core.event.BodyShape;
import io.scribehook.core.event.ThinEvent;
import io.scribehook.delivery.send.SignedWebhook;
import io.scribehook.signatures.Profile;
import io.scribehook.signatures.WebhookSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scribehook hub send <event_type> --to URL --secret S}: one signed sample webhook to any
 * endpoint, built and signed by {@link SignedWebhook} as the delivery engine builds its own, for
 * integrators testing their receiver. Prints the request (never the secret) and the answer.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Send one signed sample webhook to any endpoint and print the request and the answer.",
            "The body and signature are made by the same code as the hub's deliveries. The secret is never "
                    + "printed. Exit 0 when the endpoint answers 2xx, 1 otherwise. Needs no server."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  scribehook hub send appointment.transcript_available --to http://127.0.0.1:3000/healthie-webhooks \\",
            "      --secret whsec_mysecret --profile guide --shape guide --resource-id 12345"
        })
public final class SendCommand implements Callable<Integer> {
    /** Request headers Java's HTTP client sets itself (and refuses to be given). */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private static final int MAX_PRINTED_BODY = 4096;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "EVENT_TYPE",
            description = "The event type to send, e.g. appointment.transcript_available.")
    String eventType;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "URL",
            description = "The endpoint to POST to (http or https).")
    String to;

    @Option(
            names = "--secret",
            required = true,
            paramLabel = "S",
            description = "The signing secret the endpoint expects (e.g. whsec_...), used as its UTF-8 bytes.")
    String secret;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            defaultValue = "guide",
            description = "Signature profile: guide, healthie-api, healthie-rfc9421 or standard-webhooks "
                    + "(default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--shape",
            paramLabel = "SHAPE",
            defaultValue = "reference",
            description = "Body shape: reference (the API reference's) or guide (the guide's samples) "
                    + "(default: ${DEFAULT-VALUE}).")
    String shape;

    @Option(
            names = "--resource-id",
            paramLabel = "ID",
            defaultValue = "12345",
            description = "The resource id in the body (default: ${DEFAULT-VALUE}, the guide's sample).")
    String resourceId;

    private final Clock clock;

    public SendCommand() {
        this(Clock.systemUTC());
    }

    SendCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Profile p = Profile.byId(profile)
                .orElseThrow(() -> CliFailure.usage("--profile '" + profile
                        + "' is not one of guide, healthie-api, healthie-rfc9421, standard-webhooks"));
        BodyShape s = switch (shape.toLowerCase(Locale.ROOT)) {
            case "reference" -> BodyShape.REFERENCE;
            case "guide" -> BodyShape.GUIDE;
            default -> throw CliFailure.usage("--shape '" + shape + "' is not reference or guide");
        };
        URI url = target(to);
        if (secret.isBlank()) {
            throw CliFailure.usage("--secret is empty");
        }
        if (eventType.isBlank() || resourceId.isBlank()) {
            throw CliFailure.usage("the event type and --resource-id must not be empty");
        }
        Instant now = clock.instant();
        SignedWebhook signed = SignedWebhook.of(
                sample(eventType, resourceId, s, now),
                s,
                p,
                url,
                List.of(new WebhookSecret("send", secret)),
                now,
                "msg_send_" + HexFormat.of().formatHex(randomBytes()));
        PrintWriter out = spec.commandLine().getOut();
        out.println("> POST " + url);
        signed.headers().forEach((k, v) -> out.println("> " + k + ": " + v));
        out.println(">");
        out.println("> " + new String(signed.body(), StandardCharsets.UTF_8));
        out.println();
        HttpResponse<String> answer = post(url, signed);
        out.println("< HTTP " + answer.statusCode());
        answer.headers().map().forEach((k, vs) -> {
            if (!k.startsWith(":")) {
                vs.forEach(v -> out.println("< " + k + ": " + v));
            }
        });
        out.println("<");
        String body = answer.body();
        out.println(
                body.length() > MAX_PRINTED_BODY
                        ? body.substring(0, MAX_PRINTED_BODY) + "... (" + body.length() + " characters)"
                        : body);
        out.flush();
        boolean ok = answer.statusCode() >= 200 && answer.statusCode() < 300;
        if (!ok) {
            spec.commandLine().getErr().println("the endpoint answered " + answer.statusCode() + ", not 2xx");
        }
        return ok ? 0 : 1;
    }

    /**
     * The sample event: an appointment event (participant events with a sample participant, {@code
     * *.updated} naming a changed field), stamped {@code now} so repeated sends are not deduplicated.
     */
    static ThinEvent sample(String eventType, String resourceId, BodyShape shape, Instant now) {
        boolean participant = eventType.endsWith(".participant_joined") || eventType.endsWith(".participant_left");
        boolean updated = eventType.endsWith(".updated");
        return new ThinEvent(
                eventType,
                resourceId,
                "Appointment",
                updated ? List.of("date") : List.of(),
                shape,
                participant ? "1001" : null,
                participant ? "Sample Patient" : null,
                participant ? "patient@example.com" : null,
                participant ? now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : null,
                now.toString(),
                null,
                null,
                null);
    }

    private static URI target(String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            u = null;
        }
        if (u == null
                || u.getHost() == null
                || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
            throw CliFailure.usage("--to '" + text + "' is not an http(s) URL with a host");
        }
        return u;
    }

    private static HttpResponse<String> post(URI url, SignedWebhook signed) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                b.header(k, v);
            }
        });
        try (HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw CliFailure.failed("no answer from " + url + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted while sending to " + url);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
