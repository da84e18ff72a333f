package io.scribehook.app.cli.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.receiver.secrets.SecretStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scribehook receiver secrets add|list}: webhook secrets kept in the database. */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Webhook secrets kept in the database, merged with SCRIBEHOOK_WEBHOOK_SECRETS (rotation: several valid at once).")
public final class SecretsCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a secret (read from stdin unless --secret is given). Calls the running server's admin API;",
                    "with no server running, writes to the database directly."})
    int add(@Mixin ConfigOption config,
            @Option(names = "--key-id", description = "name for this secret (default: db-<time>)") String keyId,
            @Option(names = "--secret", description = "the secret itself (avoid: it lands in shell history)") String secret,
            @Option(names = "--server", paramLabel = "URL", description = "admin API base URL (default http://127.0.0.1:$SCRIBEHOOK_HTTP_PORT)") String server) {
        String value = secret != null ? secret : readStdin();
        if (value.isBlank()) {
            throw CliFailure.usage("no secret given: pipe it on stdin or pass --secret");
        }
        SecretsSaver.save(config.load(), server, keyId != null ? keyId : "db-" + System.currentTimeMillis(), value);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List secret ids and where they come from (never the values).")
    int list(@Mixin ConfigOption config,
             @Option(names = "--json", description = "print JSON") boolean json,
             @Option(names = "--server", paramLabel = "URL", description = "admin API base URL") String server) {
        AppConfig cfg = config.load();
        JsonNode secrets = ServerOrDatabase.run(cfg, server, c -> c.get("/api/receiver/secrets"),
                a -> ServerOrDatabase.json(a.body()),
                db -> {
                    ObjectNode root = JsonNodeFactory.instance.objectNode();
                    ArrayNode list = root.putArray("secrets");
                    int configured = cfg.source().list(ConfigKey.WEBHOOK_SECRETS, List.of()).size();
                    for (int i = 1; i <= configured; i++) {
                        list.addObject().put("key_id", "env-" + i).put("source", "environment");
                    }
                    db.jdbi().withHandle(SecretStore::list).forEach(s -> list.addObject().put("key_id", s.keyId())
                            .put("source", s.source()).put("created_at", s.createdAt().toString()));
                    return root;
                });
        System.out.println(json ? secrets.toString() : table(secrets));
        return 0;
    }

    private static String table(JsonNode n) {
        StringBuilder b = new StringBuilder();
        for (var s : n.path("secrets")) {
            b.append(s.path("key_id").asText()).append('\t').append(s.path("source").asText());
            if (s.has("created_at")) {
                b.append('\t').append(s.path("created_at").asText());
            }
            b.append('\n');
        }
        return b.length() == 0 ? "(no secrets)" : b.toString().stripTrailing();
    }

    private static String readStdin() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            return line == null ? "" : line.trim();
        } catch (IOException e) {
            throw CliFailure.failed("cannot read the secret from stdin");
        }
    }
}
