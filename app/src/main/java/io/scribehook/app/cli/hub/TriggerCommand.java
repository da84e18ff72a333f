package io.scribehook.app.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.core.event.EventTypes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scribehook hub trigger <event_type> [--appointment ID]}: one appointment event, fixtures included. */
@Command(
        name = "trigger",
        mixinStandardHelpOptions = true,
        description = {
            "Raise one appointment event through the running hub, creating the fixtures it needs.",
            "Like `stripe trigger`: a missing appointment is created (with the id given), a transcript for "
                    + "appointment.transcript_available, recording files for appointment.recording_completed, "
                    + "attendance and participant fields for appointment.participant_joined/left; each fixture "
                    + "created is named. The event is delivered to subscribed webhooks like a real one. Any "
                    + "appointment.* event of the Healthie API can be triggered."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  scribehook hub trigger appointment.transcript_available --appointment 42",
            "  scribehook hub trigger appointment.participant_joined"
        })
public final class TriggerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "EVENT_TYPE", description = "The event to raise, e.g. appointment.transcript_available.")
    String eventType;

    @Option(
            names = "--appointment",
            paramLabel = "ID",
            description = "The appointment (created with this id when missing; default: a new appointment).")
    Long appointment;

    @Option(names = "--json", description = "Print the server's JSON answer.")
    boolean json;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        if (!EventTypes.appointmentFamily().contains(eventType)) {
            throw CliFailure.usage("'" + eventType + "' cannot be triggered; valid event types:"
                    + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", EventTypes.appointmentFamily()));
        }
        if (appointment != null && appointment < 1) {
            throw CliFailure.usage("--appointment must be a positive id, got " + appointment);
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("event_type", eventType);
        if (appointment != null) {
            request.put("appointment_id", appointment);
        }
        JsonNode answer = HubAdminCall.post(config.load(), server.url, "/api/hub/trigger", request.toString());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.toString());
            return 0;
        }
        for (JsonNode created : answer.path("created")) {
            out.println("created " + created.asText() + " (fixture)");
        }
        out.println("triggered " + answer.path("event_type").asText() + " for appointment "
                + answer.path("appointment_id").asText());
        return 0;
    }
}
