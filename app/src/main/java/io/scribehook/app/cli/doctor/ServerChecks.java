package io.scribehook.app.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.cli.AdminClient;
import java.io.IOException;
import java.util.List;

/**
 * What the running server says about itself: {@code /readyz} (its database and migrations) and,
 * from {@code /metrics}, the state of its Healthie API circuit breaker (the one breaker the
 * receiver has; it is in the server's memory, so only the server can tell it). Both routes are
 * public: no admin token is needed.
 */
final class ServerChecks {
    static final String CIRCUIT_METRIC = "scribehook_healthie_circuit_state";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AdminClient server;

    ServerChecks(AdminClient server) {
        this.server = server;
    }

    /** Adds the server's findings; false when no server answers. */
    boolean check(List<Finding> out) {
        AdminClient.Answer ready;
        try {
            ready = server.get("/readyz");
        } catch (AdminClient.Unreachable e) {
            out.add(Finding.fail(
                    "server",
                    "no Scribehook server answers at " + server.base() + ", so Healthie's webhooks are not received",
                    "start it (`scribehook serve`), or point --server at it"));
            return false;
        }
        String detail = detail(ready.body());
        if (ready.ok()) {
            out.add(Finding.ok("server", "ready at " + server.base() + " (" + detail + ")"));
        } else {
            out.add(Finding.fail(
                    "server",
                    "answers at " + server.base() + " but is not ready (" + ready.status() + ": " + detail + ")",
                    "check its database (SCRIBEHOOK_DATABASE_URL) and its log; webhooks are answered 503 meanwhile"));
        }
        circuit(out);
        return true;
    }

    private void circuit(List<Finding> out) {
        String metrics;
        try {
            AdminClient.Answer a = server.get("/metrics");
            metrics = a.ok() ? a.body() : "";
        } catch (AdminClient.Unreachable e) {
            metrics = "";
        }
        Double state = gauge(metrics, CIRCUIT_METRIC);
        if (state == null) {
            out.add(Finding.info(
                    "circuit breakers",
                    "the server runs no Healthie API client (no SCRIBEHOOK_HEALTHIE_API_URL), so it has no breaker"));
        } else if (state == 1) {
            out.add(Finding.fail(
                    "circuit breakers",
                    "the Healthie API circuit is open on the server: API calls failed repeatedly and are paused",
                    "check SCRIBEHOOK_HEALTHIE_API_URL, the API key and Healthie's status; jobs resume by themselves"));
        } else if (state == 2) {
            out.add(Finding.warn(
                    "circuit breakers",
                    "the Healthie API circuit is half-open on the server: a trial call decides whether calls resume",
                    "run doctor again in a minute"));
        } else {
            out.add(Finding.ok("circuit breakers", "the Healthie API circuit is closed"));
        }
    }

    /** The value of the first sample of {@code name} in a Prometheus text exposition, or null. */
    static Double gauge(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String[] parts = line.trim().split("\\s+");
                try {
                    return Double.parseDouble(parts[parts.length - 1]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String detail(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String d = n.path("detail").asText("");
            return d.isEmpty() ? n.path("status").asText("no detail") : d;
        } catch (IOException e) {
            return "not a Scribehook /readyz answer";
        }
    }
}
