package io.scribehook.app.cli.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.config.AppConfig;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Runs an admin operation on the running server, or, when none answers and no {@code --server}
 * was given, directly on the configured database (the server picks the change up when it runs),
 * saying so in one line on stderr. The fallback never creates a database: an SQLite data dir or
 * file that does not exist yet is a usage error pointing at {@code scribehook serve}.
 */
public final class ServerOrDatabase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AppConfig config;
    private final String server;
    private final PrintWriter err;
    private final AdminClient client;

    public ServerOrDatabase(AppConfig config, String server, PrintWriter err) {
        this.config = config;
        this.server = server;
        this.err = err;
        this.client = AdminClient.forConfig(config, server);
    }

    /** The admin API client this runs against (for further pages of an answer). */
    public AdminClient client() {
        return client;
    }

    /** A 401 or 403 from the admin API is a usage error (exit 2) naming how to get the token. */
    public static void requireAdmitted(AdminClient client, AdminClient.Answer a) {
        if (a.status() == 401 || a.status() == 403) {
            throw CliFailure.usage("the server at " + client.base() + " refused the admin token (" + a.status()
                    + "); set SCRIBEHOOK_ADMIN_TOKEN or run from the server's data dir");
        }
    }

    public interface ServerCall {
        AdminClient.Answer call(AdminClient client) throws AdminClient.Unreachable;
    }

    public <T> T run(
            ServerCall viaServer, Function<AdminClient.Answer, T> onAnswer, Function<Database, T> viaDatabase) {
        AdminClient.Answer a;
        try {
            a = viaServer.call(client);
        } catch (AdminClient.Unreachable e) {
            if (server != null) {
                throw CliFailure.failed(e.getMessage());
            }
            requireExistingDatabase();
            err.println("scribehook: no server at " + client.base() + "; using the database at "
                    + config.redactedDatabaseUrl() + " directly");
            err.flush();
            try (Database db = Database.open(DatabaseSettings.of(config.databaseUrl()))) {
                return viaDatabase.apply(db);
            }
        }
        requireAdmitted(client, a);
        if (!a.ok()) {
            throw CliFailure.failed("the server answered " + a.status() + ": " + message(a.body()));
        }
        return onAnswer.apply(a);
    }

    /**
     * For {@code --save}: where a secret will be stored, checked to be reachable before anything is
     * created upstream; null without {@code --save}.
     */
    static ServerOrDatabase forSave(boolean save, AppConfig config, String server, PrintWriter err) {
        if (!save) {
            return null;
        }
        ServerOrDatabase store = new ServerOrDatabase(config, server, err);
        store.requireReachable();
        return store;
    }

    /**
     * Fails now when {@link #run} could not store anything later (no server, no database), for a
     * command that first does something elsewhere that cannot be undone.
     */
    void requireReachable() {
        if (client.answers()) {
            return;
        }
        if (server != null) {
            throw CliFailure.failed("no Scribehook server answers at " + client.base());
        }
        requireExistingDatabase();
    }

    private void requireExistingDatabase() {
        Path file = config.sqliteFile();
        if (file == null) {
            return;
        }
        Path dir = config.dataDir();
        if (file.startsWith(dir) && !Files.isDirectory(dir)) {
            throw CliFailure.usage(
                    "no server at " + client.base() + " and the data dir " + dir + " does not exist; "
                            + "`scribehook serve` creates it (start it once, or set SCRIBEHOOK_DATA_DIR to the server's data dir)");
        }
        if (!Files.isRegularFile(file)) {
            throw CliFailure.usage(
                    "no server at " + client.base() + " and no database at " + file + "; "
                            + "`scribehook serve` creates it (start it once, or set SCRIBEHOOK_DATA_DIR or SCRIBEHOOK_DATABASE_URL to the server's)");
        }
    }

    public static JsonNode json(String body) {
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
