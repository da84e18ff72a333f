package io.scribehook.app.cli.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.app.cli.receiver.WebhookArgs;
import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.core.time.Durations;
import io.scribehook.receiver.healthie.ExpectedRegistration;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scribehook doctor}: checks a deployment the way the guide's troubleshooting section asks. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check this deployment: configuration; database reachable and migrated; the running server's "
                    + "readiness and Healthie API circuit breaker; our registrations at Healthie (enabled, not "
                    + "warned, URL and event types as `receiver register` makes them); a test webhook sent through "
                    + "each (sendTestWebhook) and waited for in the webhook log; the last webhook received per event "
                    + "type; dead jobs.",
            "Prints one line per finding (OK, INFO, WARN, FAIL) with what to do. Exit 0 when nothing FAILs, 1 "
                    + "otherwise. Reads the configuration and the database directly; asks the running server "
                    + "(--server, default the configured address) only for /readyz and /metrics."
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  scribehook doctor --url https://scribe.example.com/healthie-webhooks",
            "  scribehook doctor --json --wait 60s"
        })
public final class DoctorCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    ServerOption server;

    @Option(names = "--json", description = "Print one JSON object: {\"healthy\": ..., \"findings\": [...]}.")
    boolean json;

    @Option(
            names = "--wait",
            paramLabel = "D",
            defaultValue = "30s",
            description = "How long to wait for each test webhook to arrive (default ${DEFAULT-VALUE}).")
    String wait;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "This receiver's public webhook URL: our registrations must post exactly there "
                    + "(default: any registration whose path is SCRIBEHOOK_WEBHOOK_PUBLIC_PATH is ours).")
    String url;

    @Option(
            names = "--events",
            split = ",",
            paramLabel = "EVENT",
            description =
                    "Event types our registrations must carry (default: the guide's four, as `receiver register`).")
    List<String> events;

    @Override
    public Integer call() {
        Duration w;
        try {
            w = Durations.parse(wait);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--wait '" + wait + "' is not a duration such as 30s or 2m");
        }
        Doctor.Options options = new Doctor.Options(
                w,
                url == null ? null : WebhookArgs.url(url),
                events == null ? ExpectedRegistration.GUIDE_EVENTS : WebhookArgs.events(events),
                server.url);
        List<Finding> findings;
        try {
            ConfigSource source = config.source();
            findings = new Doctor(source, options, Clock.systemUTC()).run();
        } catch (ConfigException e) {
            findings = List.of(Finding.fail(
                    "configuration", e.getMessage(), "correct the configuration file or key, then run doctor again"));
        }
        boolean healthy = Doctor.healthy(findings);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("healthy", healthy);
            body.put("findings", findings.stream().map(Finding::json).toList());
            try {
                out.println(JSON.writeValueAsString(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            findings.forEach(f -> out.println(f.line()));
            long failed = findings.stream()
                    .filter(f -> f.verdict() == Finding.Verdict.FAIL)
                    .count();
            out.println(
                    healthy
                            ? "healthy"
                            : "unhealthy: " + failed + " finding" + (failed == 1 ? "" : "s") + " to act on");
        }
        return healthy ? 0 : 1;
    }
}
