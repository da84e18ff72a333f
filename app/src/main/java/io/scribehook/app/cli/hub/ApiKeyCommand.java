package io.scribehook.app.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.app.cli.receiver.ServerOrDatabase;
import io.scribehook.app.config.AppConfig;
import io.scribehook.hub.keys.ApiKey;
import io.scribehook.hub.keys.ApiKeys;
import io.scribehook.hub.keys.NewApiKey;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scribehook hub api-key create|list|revoke}: keys of the hub's {@code /graphql}. */
@Command(
        name = "api-key",
        mixinStandardHelpOptions = true,
        description = {
            "Manage the API keys of the hub's /graphql (Authorization: Basic <key>, AuthorizationSource: API).",
            "Only a hash of each key is stored: a key is shown once, when it is created."
        },
        footerHeading = "%nExample:%n",
        footer = "  KEY=$(scribehook hub api-key create --name my-integration)")
public final class ApiKeyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Create an API key and print it alone on stdout (with --json: key_id, name, created_at and api_key).",
                "Calls the running server's admin API; with no server running, writes to the database directly."
            },
            footerHeading = "%nExample:%n",
            footer = "  scribehook hub api-key create --name my-integration --json")
    int create(
            @Mixin ConfigOption config,
            @Option(names = "--name", paramLabel = "NAME", description = "A label for the key (1 to 200 characters).")
                    String name,
            @Option(names = "--json", description = "Print JSON: {\"key_id\",\"name\",\"created_at\",\"api_key\"}.")
                    boolean json,
            @Mixin ServerOption server) {
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw CliFailure.usage("--name must be 1 to 200 characters");
        }
        AppConfig cfg = config.load();
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        if (name != null) {
            request.put("name", name);
        }
        JsonNode created = new ServerOrDatabase(
                        cfg, server.url, spec.commandLine().getErr())
                .run(c -> c.post("/api/hub/api-keys", request.toString()), a -> ServerOrDatabase.json(a.body()), db -> {
                    NewApiKey k = new ApiKeys(db, Clock.systemUTC()).create(name);
                    ObjectNode n = view(k.key());
                    n.put("api_key", k.value());
                    return n;
                });
        String value = created.path("api_key").asText("");
        if (value.isEmpty()) {
            throw CliFailure.failed("the server's answer holds no api_key");
        }
        spec.commandLine().getOut().println(json ? created.toString() : value);
        spec.commandLine().getOut().flush();
        return 0;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List API keys (ids, names, creation and revocation times), never their values.",
            footerHeading = "%nExample:%n",
            footer = "  scribehook hub api-key list --json")
    int list(
            @Mixin ConfigOption config,
            @Option(
                            names = "--json",
                            description =
                                    "Print JSON: {\"api_keys\":[{\"key_id\",\"name\",\"created_at\",\"revoked_at\"}]}.")
                    boolean json,
            @Mixin ServerOption server) {
        AppConfig cfg = config.load();
        JsonNode keys = new ServerOrDatabase(cfg, server.url, spec.commandLine().getErr())
                .run(c -> c.get("/api/hub/api-keys"), a -> ServerOrDatabase.json(a.body()), db -> {
                    ObjectNode root = JsonNodeFactory.instance.objectNode();
                    ArrayNode list = root.putArray("api_keys");
                    new ApiKeys(db, Clock.systemUTC()).list().forEach(k -> list.add(view(k)));
                    return root;
                });
        if (json) {
            spec.commandLine().getOut().println(keys.toString());
            return 0;
        }
        StringBuilder b =
                new StringBuilder(String.format("%-14s %-24s %-26s %s%n", "KEY ID", "NAME", "CREATED", "REVOKED"));
        for (JsonNode k : keys.path("api_keys")) {
            b.append(String.format(
                                    "%-14s %-24s %-26s %s",
                                    k.path("key_id").asText(),
                                    k.path("name").asText("-"),
                                    k.path("created_at").asText(),
                                    k.path("revoked_at").asText("-"))
                            .stripTrailing())
                    .append('\n');
        }
        spec.commandLine().getOut().print(keys.path("api_keys").isEmpty() ? "(no API keys)\n" : b.toString());
        return 0;
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = {
                "Revoke an API key: /graphql refuses it from then on.",
                "Revoking the key named `local receiver` stops the one-process sandbox's own fetches (it is not remade).",
                "Calls the running server's admin API; with no server running, writes to the database directly."
            },
            footerHeading = "%nExample:%n",
            footer = "  scribehook hub api-key revoke 3f9a0c1d2e4b")
    int revoke(
            @Mixin ConfigOption config,
            @Parameters(paramLabel = "KEY_ID", description = "The key's id, as `list` shows it.") String keyId,
            @Mixin ServerOption server) {
        if (!keyId.matches("[0-9a-f]{1,64}")) {
            throw CliFailure.usage("KEY_ID must be the hexadecimal id `hub api-key list` shows, not " + keyId.length()
                    + " other characters (never pass the key itself)");
        }
        AppConfig cfg = config.load();
        boolean revoked = new ServerOrDatabase(
                        cfg, server.url, spec.commandLine().getErr())
                .run(
                        c -> c.delete("/api/hub/api-keys/" + keyId),
                        a -> a.status() == 204,
                        db -> new ApiKeys(db, Clock.systemUTC()).revoke(keyId));
        if (!revoked) {
            throw CliFailure.failed("no active API key has the id " + keyId);
        }
        spec.commandLine().getOut().println("revoked API key " + keyId);
        return 0;
    }

    private static ObjectNode view(ApiKey k) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("key_id", k.keyId());
        n.put("name", k.name());
        n.put("created_at", k.createdAt().toString());
        n.put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
        return n;
    }
}
