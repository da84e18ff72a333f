package io.scribehook.app.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.Progress;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.receiver.http.TimeParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scribehook hub redeliver (--event ID | --failed --since D [--until D])}: deliveries sent
 * again; a {@code --failed} range goes in consecutive time slices with {@link Progress} on stderr.
 */
@Command(
        name = "redeliver",
        mixinStandardHelpOptions = true,
        description = {
            "Send finished deliveries again: every delivery of one event, or every failed one in a time range.",
            "Each is queued again with its original Webhook-Id, so receivers can recognise it; deliveries still "
                    + "pending and webhooks now disabled are left alone. Prints how many were queued. Calls the "
                    + "running server (hub role). With --failed the range is sent in " + RedeliverCommand.SLICES
                    + " consecutive time slices, one call each, with progress on stderr (none under --json)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  scribehook hub redeliver --event 1042", "  scribehook hub redeliver --failed --since 24h --json"})
public final class RedeliverCommand implements Callable<Integer> {
    /** How many consecutive {@code [since, until)} slices a {@code --failed} range is sent in. */
    static final int SLICES = 10;

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
        JsonNode answer;
        if (which.event != null) {
            if (since != null || until != null) {
                throw CliFailure.usage("--since/--until apply to --failed only");
            }
            if (which.event < 1) {
                throw CliFailure.usage("--event must be a positive id, got " + which.event);
            }
            request.put("event_id", which.event);
            answer = HubAdminCall.post(config.load(), server.url, "/api/hub/redeliver", request.toString());
        } else {
            if (since == null) {
                throw CliFailure.usage("--failed needs --since D (90s, 15m, 36h, 7d or an ISO-8601 instant)");
            }
            Instant from = time("--since", since);
            Instant to = until == null ? null : time("--until", until);
            if (to != null && !from.isBefore(to)) {
                throw CliFailure.usage("--since must be before --until");
            }
            answer = failedInSlices(from, to);
        }
        if (json) {
            spec.commandLine().getOut().println(answer.toString());
        } else {
            int n = answer.path("queued").asInt();
            spec.commandLine().getOut().println(n + (n == 1 ? " delivery" : " deliveries") + " queued again");
        }
        return 0;
    }

    /**
     * Sends {@code [from, to)} as {@link #SLICES} consecutive half-open slices (the server's range
     * is half-open too, so none is sent twice), stepping {@link Progress} once a slice; the last
     * slice leaves {@code until} out when {@code to} is null, so the server's own "now" ends it.
     * Returns the answers summed: {@code {"queued", "message_ids"}}.
     */
    private JsonNode failedInSlices(Instant from, Instant to) {
        var cfg = config.load();
        Instant end = to == null ? Instant.now() : to;
        int slices = from.isBefore(end) ? SLICES : 1;
        Duration step = Duration.between(from, end).dividedBy(slices);
        int queued = 0;
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        try (Progress p = Progress.start("Redelivering (time slices)", slices, spec, json)) {
            for (int i = 0; i < slices; i++) {
                ObjectNode request = JsonNodeFactory.instance.objectNode();
                request.put("failed", true)
                        .put("since", from.plus(step.multipliedBy(i)).toString());
                if (i < slices - 1) {
                    request.put("until", from.plus(step.multipliedBy(i + 1)).toString());
                } else if (to != null) {
                    request.put("until", to.toString());
                }
                JsonNode answer = HubAdminCall.post(cfg, server.url, "/api/hub/redeliver", request.toString());
                queued += answer.path("queued").asInt();
                answer.path("message_ids").forEach(ids::add);
                p.step();
            }
        }
        ObjectNode total = JsonNodeFactory.instance.objectNode();
        total.put("queued", queued);
        total.set("message_ids", ids);
        return total;
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
