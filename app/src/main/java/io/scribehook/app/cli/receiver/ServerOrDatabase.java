package io.scribehook.app.cli.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.config.AppConfig;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import java.io.IOException;
import java.util.function.Function;

/**
 * Runs an admin operation on the running server, or, when none answers, directly on the
 * configured database (the server picks the change up when it starts).
 */
final class ServerOrDatabase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerOrDatabase() {
    }

    interface ServerCall {
        AdminClient.Answer call(AdminClient client) throws AdminClient.Unreachable;
    }

    static <T> T run(AppConfig config, String server, ServerCall viaServer, Function<AdminClient.Answer, T> onAnswer,
                     Function<Database, T> viaDatabase) {
        AdminClient client = AdminClient.forConfig(config, server);
        try {
            AdminClient.Answer a = viaServer.call(client);
            if (a.status() == 401 || a.status() == 403) {
                throw CliFailure.usage("the server at " + client.base() + " refused the admin token (" + a.status()
                        + "); set SCRIBEHOOK_ADMIN_TOKEN or run from the server's data dir");
            }
            if (!a.ok()) {
                throw CliFailure.failed("the server answered " + a.status() + ": " + message(a.body()));
            }
            return onAnswer.apply(a);
        } catch (AdminClient.Unreachable e) {
            if (server != null) {
                throw CliFailure.failed(e.getMessage());
            }
            try (Database db = Database.open(DatabaseSettings.of(config.databaseUrl()))) {
                return viaDatabase.apply(db);
            }
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw CliFailure.failed("the server's answer is not JSON");
        }
    }

    static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
