package io.scribehook.app.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.receiver.ServerOrDatabase;
import io.scribehook.app.config.AppConfig;

/**
 * One POST to the running hub's admin API for commands that only work through the server (trigger,
 * redeliver): no server is a failure (exit 1), a refused token or a 400 a usage error (exit 2).
 */
final class HubAdminCall {
    private HubAdminCall() {}

    /** The server's JSON answer to {@code POST path} with {@code json}; 2xx only. */
    static JsonNode post(AppConfig cfg, String server, String path, String json) {
        AdminClient client = AdminClient.forConfig(cfg, server);
        AdminClient.Answer a;
        try {
            a = client.post(path, json);
        } catch (AdminClient.Unreachable e) {
            throw CliFailure.failed("no Scribehook server answers at " + client.base()
                    + "; this runs in the server: start `scribehook serve` with the hub role (or give --server)");
        }
        ServerOrDatabase.requireAdmitted(client, a);
        if (a.status() == 404) {
            throw CliFailure.failed(
                    "the server at " + client.base() + " has no " + path + ": is the hub role on (SCRIBEHOOK_ROLES)?");
        }
        JsonNode answer = ServerOrDatabase.json(a.body());
        if (a.status() == 400) {
            throw CliFailure.usage(answer.path("message").asText(a.body()));
        }
        if (!a.ok()) {
            throw CliFailure.failed("the server answered " + a.status() + ": "
                    + answer.path("message").asText(a.body()));
        }
        return answer;
    }
}
