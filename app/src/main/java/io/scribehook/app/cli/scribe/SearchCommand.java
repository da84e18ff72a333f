package io.scribehook.app.cli.scribe;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.app.cli.receiver.ServerOrDatabase;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scribehook scribe search [--json] "..."}: the running server's transcript and note search. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the stored transcripts and notes through the running server (GET /api/scribe/search).",
            "Words are ANDed; \"quoted phrases\", OR, NOT, speaker:, section:, role: (clinician, patient) and kind: "
                    + "(transcript, note) work as in Lucene's classic syntax. Clinical synonyms apply: "
                    + "\"high blood pressure\" finds hypertension, a brand name finds its generic.",
            "Each hit prints its appointment id, where it starts in the recording, and a snippet with the matched "
                    + "words in [brackets] (--json: the server's JSON, matches in <mark>...</mark>)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  scribehook scribe search \"high blood pressure\"",
            "  scribehook scribe search --json 'lipitor AND role:patient'",
            "  scribehook scribe search --limit 50 '\"follow up\" kind:note'"
        })
public final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    ServerOption server;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query (several words are joined).")
    List<String> words;

    @Option(names = "--json", description = "Print the server's JSON answer.")
    boolean json;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "10",
            description = "Hits to show, 1 to 50. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 50) {
            throw CliFailure.usage("--limit " + limit + " must be from 1 to 50");
        }
        String q = String.join(" ", words);
        AdminClient client = AdminClient.forConfig(config.load(), server.url);
        AdminClient.Answer a;
        try {
            a = client.get("/api/scribe/search?limit=" + limit + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        } catch (AdminClient.Unreachable e) {
            throw CliFailure.failed(e.getMessage() + " (search needs the running server: scribehook serve)");
        }
        ServerOrDatabase.requireAdmitted(client, a);
        JsonNode body = ServerOrDatabase.json(a.body());
        if (a.status() == 400) {
            throw CliFailure.usage(body.path("message").asText("the query was refused"));
        }
        if (!a.ok()) {
            throw CliFailure.failed("the server answered " + a.status() + ": "
                    + body.path("message").asText());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(a.body());
        } else {
            print(out, body);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, JsonNode body) {
        JsonNode hits = body.path("hits");
        long total = body.path("total").asLong();
        out.println(hits.size() + (hits.size() == 1 ? " hit" : " hits") + " (" + total
                + (body.path("total_exact").asBoolean(true) ? "" : "+") + " matching passages)");
        int i = 1;
        for (JsonNode h : hits) {
            StringBuilder line = new StringBuilder();
            line.append(String.format(
                    "%2d. appointment %s", i++, h.path("appointment_id").asText()));
            if (!h.path("start").isNull()) {
                line.append(" at ").append(clock(h.path("start").asDouble()));
            }
            if ("note".equals(h.path("kind").asText())) {
                line.append(", note v")
                        .append(h.path("note_version").asInt())
                        .append(" \u00a7 ")
                        .append(h.path("section").asText());
            } else {
                line.append(", ").append(h.path("speaker").asText("?"));
                if (!h.path("role").isNull()) {
                    line.append(" (").append(h.path("role").asText()).append(')');
                }
            }
            line.append(String.format("  score %.2f", h.path("score").asDouble()));
            out.println(line);
            out.println("    " + plain(h.path("snippet").asText()));
        }
    }

    static String clock(double seconds) {
        long s = (long) seconds;
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** The snippet for a terminal: marks as [brackets], HTML entities decoded. */
    static String plain(String snippet) {
        return snippet.replace("<mark>", "[")
                .replace("</mark>", "]")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&#x2F;", "/")
                .replace("&amp;", "&");
    }
}
