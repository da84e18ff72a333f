package io.scribehook.app.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.app.cli.receiver.ServerOrDatabase;
import io.scribehook.app.config.AppConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scribehook hub simulate meeting}: a simulated video visit, played as Zoom events by the running hub. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Simulate upstream activity as Zoom would report it to the hub.",
        footerHeading = "%nExample:%n",
        footer = "  scribehook hub simulate meeting --participants 3 --encounter D2N070")
public final class SimulateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "meeting",
            mixinStandardHelpOptions = true,
            description = {
                "Play a clinical video visit through the running hub's /zoom/webhooks: an appointment is created, the "
                        + "provider and patient (and guests) join, recording starts, the patient drops and rejoins, "
                        + "recording stops, everyone leaves, the recording completes and the WebVTT transcript of a "
                        + "real clinical conversation (ACI-BENCH, CC BY 4.0) becomes available.",
                "Needs a running server with the hub role and SCRIBEHOOK_ZOOM_SECRET_TOKEN set."
            },
            footerHeading = "%nExample:%n",
            footer = "  scribehook hub simulate meeting --participants 3 --minutes 20")
    int meeting(
            @Mixin ConfigOption config,
            @Option(
                            names = "--participants",
                            paramLabel = "N",
                            defaultValue = "2",
                            description =
                                    "People in the meeting, 2 to 10: provider, patient, then guests (default: 2).")
                    int participants,
            @Option(
                            names = "--minutes",
                            paramLabel = "M",
                            description =
                                    "Length of the meeting, 1 to 240 (default: the conversation's length plus a few minutes).")
                    Integer minutes,
            @Option(
                            names = "--encounter",
                            paramLabel = "ID",
                            description =
                                    "ACI-BENCH encounter to play: D2N068, D2N070 or D2N072 (default: one at random).")
                    String encounter,
            @Option(names = "--json", description = "Print the server's JSON answer.") boolean json,
            @Mixin ServerOption server) {
        if (participants < 2 || participants > 10) {
            throw CliFailure.usage("--participants must be 2 to 10, got " + participants);
        }
        if (minutes != null && (minutes < 1 || minutes > 240)) {
            throw CliFailure.usage("--minutes must be 1 to 240, got " + minutes);
        }
        AppConfig cfg = config.load();
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("participants", participants);
        if (minutes != null) {
            request.put("minutes", minutes);
        }
        if (encounter != null) {
            request.put("encounter", encounter);
        }
        AdminClient client = AdminClient.forConfig(cfg, server.url);
        AdminClient.Answer a;
        try {
            a = client.post("/api/hub/simulate/meeting", request.toString());
        } catch (AdminClient.Unreachable e) {
            throw CliFailure.failed("no Scribehook server answers at " + client.base()
                    + "; the simulator runs in the server: start `scribehook serve` with the hub role");
        }
        ServerOrDatabase.requireAdmitted(client, a);
        JsonNode answer = ServerOrDatabase.json(a.body());
        if (a.status() == 400) {
            throw CliFailure.usage(answer.path("message").asText(a.body()));
        }
        if (!a.ok()) {
            throw CliFailure.failed("the server answered " + a.status() + ": "
                    + answer.path("message").asText(a.body()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.toString());
            return 0;
        }
        out.println("appointment " + answer.path("appointment_id").asText() + ", Zoom meeting "
                + answer.path("meeting_id").asText() + ", conversation "
                + answer.path("encounter").asText());
        for (JsonNode e : answer.path("events")) {
            out.println("  " + e.path("at").asText() + "  " + e.path("event").asText() + "  -> "
                    + e.path("status").asInt());
        }
        return 0;
    }
}
