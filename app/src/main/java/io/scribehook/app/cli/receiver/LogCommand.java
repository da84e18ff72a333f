package io.scribehook.app.cli.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.receiver.http.TimeParam;
import io.scribehook.receiver.inbox.WebhookEntry;
import io.scribehook.receiver.inbox.WebhookFilter;
import io.scribehook.receiver.inbox.WebhookLog;
import io.scribehook.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scribehook receiver log export}: the webhook log of a time range, as Healthie support asks for it. */
@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = "The receiver's webhook log.",
        subcommands = LogCommand.Export.class,
        footerHeading = "%nExample:%n",
        footer = "  scribehook receiver log export --since 3d")
public final class LogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The rows of one time range, oldest first: ids, event types, times and outcomes; no PHI. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Export the webhook log of a time range for a support request (what Healthie support asks for): "
                        + "log id, the sender's delivery id (its Webhook-Id header), arrival time, event type, resource type and id (the appointment id), outcome "
                        + "(accepted, duplicate, rejected, ignored, processed, failed, dead) and its reason code, HTTP "
                        + "status answered, the original of a duplicate, signature profile and key id, attempts, processing time, body SHA-256.",
                "No names, emails, bodies or transcript text: the log holds none. Comma-separated with a header "
                        + "line by default; --json prints one JSON object a line. Oldest first. Reads through the "
                        + "running server's admin API, or the database when no server answers."
            },
            footerHeading = "%nExample:%n",
            footer = {
                "  scribehook receiver log export --since 3d > webhooks.csv",
                "  scribehook receiver log export --since 2026-03-01T00:00:00Z --until 2026-03-02T00:00:00Z --json"
            })
    public static final class Export implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final int PAGE = 500;
        static final List<String> COLUMNS = List.of(
                "log_id",
                "delivery_id",
                "received_at",
                "event_type",
                "resource_type",
                "resource_id",
                "status",
                "reason",
                "http_status",
                "duplicate_of",
                "profile",
                "key_id",
                "attempts",
                "processed_at",
                "body_sha256");

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        ServerOption server;

        @Option(
                names = "--since",
                required = true,
                paramLabel = "D",
                description = "Start of the range: a duration before now (90s, 15m, 36h, 7d) or an ISO-8601 instant.")
        String since;

        @Option(
                names = "--until",
                paramLabel = "D",
                description = "End of the range (exclusive), same forms; default now.")
        String until;

        @Option(names = "--json", description = "Print one JSON object a line instead of comma-separated values.")
        boolean json;

        @Override
        public Integer call() {
            Clock clock = Clock.systemUTC();
            Instant from = time("--since", since, clock);
            Instant to = until == null ? clock.instant() : time("--until", until, clock);
            if (!from.isBefore(to)) {
                throw CliFailure.usage("--since " + from + " is not before --until " + to);
            }
            ServerOrDatabase target = new ServerOrDatabase(
                    config.load(), server.url, spec.commandLine().getErr());
            List<Map<String, Object>> rows = target.run(
                    c -> c.get(query(from, to, null)),
                    first -> viaServer(target.client(), first, from, to),
                    db -> viaDatabase(db, from, to));
            Collections.reverse(rows);
            PrintWriter out = spec.commandLine().getOut();
            if (!json) {
                out.println(String.join(",", COLUMNS));
            }
            for (Map<String, Object> r : rows) {
                out.println(json ? toJson(r) : csv(r));
            }
            return 0;
        }

        private static String query(Instant from, Instant to, String cursor) {
            return "/api/receiver/webhooks?limit=" + PAGE + "&since=" + enc(from.toString()) + "&until="
                    + enc(to.toString()) + (cursor == null ? "" : "&cursor=" + enc(cursor));
        }

        private static List<Map<String, Object>> viaServer(
                AdminClient client, AdminClient.Answer first, Instant from, Instant to) {
            List<Map<String, Object>> rows = new ArrayList<>();
            AdminClient.Answer page = first;
            while (true) {
                JsonNode body = ServerOrDatabase.json(page.body());
                for (JsonNode item : body.path("items")) {
                    rows.add(row(item));
                }
                JsonNode next = body.path("next_cursor");
                if (next.isNull() || next.isMissingNode()) {
                    return rows;
                }
                try {
                    page = client.get(query(from, to, next.asText()));
                } catch (AdminClient.Unreachable e) {
                    throw CliFailure.failed(e.getMessage() + " (it stopped answering during the export)");
                }
                if (!page.ok()) {
                    throw CliFailure.failed("the server answered " + page.status() + " during the export");
                }
            }
        }

        private static List<Map<String, Object>> viaDatabase(Database db, Instant from, Instant to) {
            List<Map<String, Object>> rows = new ArrayList<>();
            Long before = null;
            while (true) {
                Long cursor = before;
                List<WebhookEntry> page = db.jdbi()
                        .withHandle(
                                h -> WebhookLog.list(h, new WebhookFilter(null, null, null, from, to, cursor, PAGE)));
                page.forEach(e -> rows.add(row(e)));
                if (page.size() < PAGE) {
                    return rows;
                }
                before = page.get(page.size() - 1).id();
            }
        }

        /** The export's fields of an admin API item: only the listed columns pass, whatever else it holds. */
        static Map<String, Object> row(JsonNode item) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String c : COLUMNS) {
                JsonNode v = item.path(c.equals("log_id") ? "id" : c);
                m.put(c, v.isMissingNode() || v.isNull() ? null : v.isNumber() ? v.numberValue() : v.asText());
            }
            return m;
        }

        static Map<String, Object> row(WebhookEntry e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("log_id", e.id());
            m.put("delivery_id", e.deliveryId());
            m.put("received_at", str(e.receivedAt()));
            m.put("event_type", e.eventType());
            m.put("resource_type", e.resourceType());
            m.put("resource_id", e.resourceId());
            m.put("status", e.status().id());
            m.put("reason", e.reason());
            m.put("http_status", e.httpStatus());
            m.put("duplicate_of", e.duplicateOf());
            m.put("profile", e.profile());
            m.put("key_id", e.keyId());
            m.put("attempts", e.attempts());
            m.put("processed_at", str(e.processedAt()));
            m.put("body_sha256", e.bodySha256());
            return m;
        }

        private static String str(Instant i) {
            return i == null ? null : i.toString();
        }

        private static String csv(Map<String, Object> r) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                Object v = r.get(COLUMNS.get(i));
                String s = v == null ? "" : v.toString();
                if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                    s = "\"" + s.replace("\"", "\"\"") + "\"";
                }
                b.append(s);
            }
            return b.toString();
        }

        private static String toJson(Map<String, Object> r) {
            try {
                return JSON.writeValueAsString(r);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Instant time(String option, String text, Clock clock) {
            try {
                return TimeParam.parse(text, clock);
            } catch (IllegalArgumentException e) {
                throw CliFailure.usage(
                        option + " '" + text + "' is not a duration (90s, 15m, 36h, 7d) or an ISO-8601 instant");
            }
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
