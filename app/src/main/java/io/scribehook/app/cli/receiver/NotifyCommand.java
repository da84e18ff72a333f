package io.scribehook.app.cli.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.core.event.EventTypes;
import io.scribehook.delivery.registry.RegistryResult;
import io.scribehook.delivery.registry.Webhook;
import io.scribehook.delivery.registry.WebhookInput;
import io.scribehook.delivery.registry.WebhookPage;
import io.scribehook.delivery.registry.WebhookRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scribehook receiver notify add|list|delete}: subscribers of the receiver's own events,
 * registered as ordinary webhooks in the delivery registry (for a process with only the receiver
 * role; with the hub role, its {@code createWebhook} does the same).
 */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description = {
            "Manage who is told when a note is drafted (" + EventTypes.SCRIBE_NOTE_DRAFTED + ") or a meeting starts ("
                    + EventTypes.SCRIBE_MEETING_STARTED + "): signed thin webhooks, retried like any other.",
            "A subscriber fetches the note from the admin API: GET /api/scribe/appointments/{resource_id}/notes/{note_version}."
        },
        footerHeading = "%nExample:%n",
        footer = "  scribehook receiver notify add --url https://ehr.example.com/hooks --events scribe.note_drafted")
public final class NotifyCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Register a subscriber; prints its id and signing secret (shown only now).",
                "Calls the running server's admin API; with no server running, writes to the database directly."
            },
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver notify add --url https://ehr.example.com/hooks "
                    + "--events scribe.note_drafted,scribe.meeting_started")
    int add(
            @Mixin ConfigOption config,
            @Option(
                            names = "--url",
                            required = true,
                            paramLabel = "URL",
                            description = "Where to deliver (http or https).")
                    String url,
            @Option(
                            names = "--events",
                            required = true,
                            split = ",",
                            paramLabel = "E",
                            description = "Event types, comma-separated: " + EventTypes.SCRIBE_NOTE_DRAFTED + ", "
                                    + EventTypes.SCRIBE_MEETING_STARTED + ".")
                    List<String> events,
            @Option(
                            names = "--profile",
                            paramLabel = "P",
                            description =
                                    "Signature profile: guide (default), healthie-api, healthie-rfc9421, standard-webhooks.")
                    String profile,
            @Option(names = "--json", description = "Print the webhook as JSON.") boolean json,
            @Mixin ServerOption server) {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        ArrayNode list = body.putArray("events");
        events.forEach(list::add);
        if (profile != null) {
            body.put("signature_profile", profile);
        }
        JsonNode created = new ServerOrDatabase(
                        config.load(), server.url, spec.commandLine().getErr())
                .run(c -> c.post("/api/receiver/notify", body.toString()), a -> ServerOrDatabase.json(a.body()), db -> {
                    WebhookInput in = WebhookInput.of(url, events).withProfile(profile);
                    return switch (new WebhookRegistry(db, Clock.systemUTC()).create(in)) {
                        case RegistryResult.Saved s -> {
                            ObjectNode n = view(s.webhook());
                            n.put("signature_secret", s.webhook().secret().value());
                            yield n;
                        }
                        case RegistryResult.Invalid i ->
                            throw CliFailure.usage(String.join(
                                    "; ",
                                    i.errors().stream()
                                            .map(e -> e.field() + ": " + e.message())
                                            .toList()));
                        case RegistryResult.NotFound n -> throw CliFailure.failed("no webhook " + n.id());
                    };
                });
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(created.toString());
        } else {
            out.println("webhook " + created.path("id").asText() + " -> "
                    + created.path("url").asText() + " (" + String.join(",", texts(created.path("events"))) + ")");
            out.println("signing secret (shown only now): "
                    + created.path("signature_secret").asText());
        }
        return 0;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List registered webhooks (without secrets).",
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver notify list --json")
    int list(
            @Mixin ConfigOption config,
            @Option(names = "--json", description = "Print JSON.") boolean json,
            @Mixin ServerOption server) {
        JsonNode all = new ServerOrDatabase(
                        config.load(), server.url, spec.commandLine().getErr())
                .run(c -> c.get("/api/receiver/notify"), a -> ServerOrDatabase.json(a.body()), db -> {
                    ObjectNode n = JSON.createObjectNode();
                    ArrayNode hooks = n.putArray("webhooks");
                    WebhookRegistry registry = new WebhookRegistry(db, Clock.systemUTC());
                    String after = null;
                    do {
                        WebhookPage page = registry.list(WebhookRegistry.MAX_PAGE, after);
                        page.nodes().forEach(w -> hooks.add(view(w)));
                        after = page.hasNextPage() ? page.endCursor() : null;
                    } while (after != null);
                    return n;
                });
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(all.toString());
            return 0;
        }
        for (JsonNode w : all.path("webhooks")) {
            out.println(w.path("id").asText() + "  " + (w.path("enabled").asBoolean() ? "enabled " : "disabled") + "  "
                    + w.path("url").asText() + "  " + String.join(",", texts(w.path("events"))));
        }
        return 0;
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a webhook; its pending deliveries are dropped.",
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver notify delete 7")
    int delete(
            @Mixin ConfigOption config,
            @Parameters(paramLabel = "ID", description = "The webhook id (from notify list).") long id,
            @Mixin ServerOption server) {
        new ServerOrDatabase(config.load(), server.url, spec.commandLine().getErr())
                .run(c -> c.delete("/api/receiver/notify/" + id), a -> true, db -> {
                    if (!new WebhookRegistry(db, Clock.systemUTC()).delete(id)) {
                        throw CliFailure.failed("no webhook " + id);
                    }
                    return true;
                });
        spec.commandLine().getOut().println("webhook " + id + " deleted");
        return 0;
    }

    private static ObjectNode view(Webhook w) {
        ObjectNode n =
                JSON.createObjectNode().put("id", w.id()).put("url", w.url()).put("enabled", w.enabled());
        ArrayNode events = n.putArray("events");
        w.eventTypes().forEach(events::add);
        n.put("signature_profile", w.profile().id());
        n.put("body_shape", w.shape().configName());
        return n;
    }

    private static List<String> texts(JsonNode array) {
        return Arrays.asList(JSON.convertValue(array, String[].class));
    }
}
