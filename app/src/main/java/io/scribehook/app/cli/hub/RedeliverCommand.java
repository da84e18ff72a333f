package io.scribehook.app.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.receiver.http.TimeParam;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scribehook hub redeliver (--event ID | --failed --since D [--until D])}: deliveries sent again. */
@Command(
        name = "redeliver",
        mixinStandardHelpOptions = true,
        description = {
            "Send finished deliveries again: every delivery of one event, or every failed one in a time range.",
            "Each is queued again with its original Webhook-Id, so receivers can recognise it; deliveries still "
                    + "pending and webhooks now disabled are left alone. Prints how many were queued. Calls the "
                    + "running server (hub role)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  scribehook hub redeliver --event 1042", "  scribehook hub redeliver --failed --since 24h --json"})
public final class RedeliverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--event", paramLabel = "ID", description = "The event whose deliveries to send again.")
        Long event;

        @Option(names = "--failed", description = "Send again every failed delivery created in --since/--until.")
        boolean failed;
    }

    @Option(
            names = "--since",
            paramLabel = "D",
            description = "With --failed (required): from this long ago (90s, 15m, 36h, 7d) or an ISO-8601 instant.")
    String since;

    @Option(
            names = "--until",
            paramLabel = "D",
            description = "With --failed: up to this long ago or this ISO-8601 instant (default: now).")
    String until;

    @Option(names = "--json", description = "Print the server's JSON answer (queued, message_ids).")
    boolean json;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        if (which.event != null) {
            if (since != null || until != null) {
                throw CliFailure.usage("--since/--until apply to --failed only");
            }
            if (which.event < 1) {
                throw CliFailure.usage("--event must be a positive id, got " + which.event);
            }
            request.put("event_id", which.event);
        } else {
            if (since == null) {
                throw CliFailure.usage("--failed needs --since D (90s, 15m, 36h, 7d or an ISO-8601 instant)");
            }
            Instant from = time("--since", since);
            request.put("failed", true).put("since", from.toString());
            if (until != null) {
                Instant to = time("--until", until);
                if (!from.isBefore(to)) {
                    throw CliFailure.usage("--since must be before --until");
                }
                request.put("until", to.toString());
            }
        }
        JsonNode answer = HubAdminCall.post(config.load(), server.url, "/api/hub/redeliver", request.toString());
        if (json) {
            spec.commandLine().getOut().println(answer.toString());
        } else {
            int n = answer.path("queued").asInt();
            spec.commandLine().getOut().println(n + (n == 1 ? " delivery" : " deliveries") + " queued again");
        }
        return 0;
    }

    private static Instant time(String option, String text) {
        try {
            return TimeParam.parse(text, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(
                    option + " '" + text + "' is not a duration (90s, 15m, 36h, 7d) or an ISO-8601 instant");
        }
    }
}
