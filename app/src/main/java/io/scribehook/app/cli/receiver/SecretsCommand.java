package io.scribehook.app.cli.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.config.AppConfig;
import io.scribehook.receiver.config.ReceiverConfig;
import io.scribehook.receiver.secrets.SecretStore;
import io.scribehook.signatures.WebhookSecret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scribehook receiver secrets add|list}: webhook secrets kept in the database. */
@Command(
        name = "secrets",
        mixinStandardHelpOptions = true,
        description = {
            "Manage the webhook secrets that verify signatures: those stored in the database and those in "
                    + "SCRIBEHOOK_WEBHOOK_SECRETS.",
            "Several are valid at once, so a secret can be rotated without a failed delivery."
        },
        footerHeading = "%nExample:%n",
        footer = "  printf '%%s' \"$SECRET\" | scribehook receiver secrets add --key-id healthie-42")
public final class SecretsCommand implements Runnable {
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
                "Add a secret, read from stdin unless --secret is given.",
                "Calls the running server's admin API; with no server running, writes to the database directly."
            },
            footerHeading = "%nExample:%n",
            footer = "  printf '%%s' \"$SECRET\" | scribehook receiver secrets add --key-id healthie-42")
    int add(
            @Mixin ConfigOption config,
            @Option(
                            names = "--key-id",
                            paramLabel = "ID",
                            description = "Name for this secret (default: db-<epoch millis>); "
                                    + "an existing id is replaced.")
                    String keyId,
            @Option(
                            names = "--secret",
                            paramLabel = "SECRET",
                            description =
                                    "The secret itself. Avoid it: it lands in the shell history; pipe it on stdin instead.")
                    String secret,
            @Mixin ServerOption server) {
        if (keyId != null && (keyId.isBlank() || keyId.startsWith("env-") || keyId.length() > 200)) {
            throw CliFailure.usage(
                    "--key-id '" + keyId + "' is not allowed: at most 200 characters, not starting with env- "
                            + "(the names of SCRIBEHOOK_WEBHOOK_SECRETS)");
        }
        AppConfig cfg = config.load();
        ServerOrDatabase target =
                new ServerOrDatabase(cfg, server.url, spec.commandLine().getErr());
        String value = secret != null ? secret : readStdin();
        if (value.isBlank()) {
            throw CliFailure.usage("no secret given: pipe it on stdin or pass --secret");
        }
        SecretsSaver.save(
                target, spec.commandLine().getOut(), keyId != null ? keyId : "db-" + System.currentTimeMillis(), value);
        return 0;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List secret ids and where each comes from (environment or database), never the values.",
                "Through the running server, the server's SCRIBEHOOK_WEBHOOK_SECRETS are listed; from the database, "
                        + "this command's own."
            },
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver secrets list --json")
    int list(
            @Mixin ConfigOption config,
            @Option(
                            names = "--json",
                            description = "Print JSON: {\"secrets\":[{\"key_id\",\"source\",\"created_at\"}]}.")
                    boolean json,
            @Mixin ServerOption server) {
        AppConfig cfg = config.load();
        JsonNode secrets = new ServerOrDatabase(
                        cfg, server.url, spec.commandLine().getErr())
                .run(c -> c.get("/api/receiver/secrets"), a -> ServerOrDatabase.json(a.body()), db -> {
                    ObjectNode root = JsonNodeFactory.instance.objectNode();
                    ArrayNode list = root.putArray("secrets");
                    for (WebhookSecret s :
                            ReceiverConfig.from(cfg.source(), Optional.empty()).envSecrets()) {
                        list.addObject().put("key_id", s.keyId()).put("source", "environment");
                    }
                    db.jdbi()
                            .withHandle(SecretStore::list)
                            .forEach(s -> list.addObject()
                                    .put("key_id", s.keyId())
                                    .put("source", s.source())
                                    .put("created_at", s.createdAt().toString()));
                    return root;
                });
        spec.commandLine().getOut().println(json ? secrets.toString() : table(secrets));
        return 0;
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = {
                "Delete a stored secret once no delivery signed with it is pending (the last step of a rotation).",
                "Calls the running server's admin API (it stops verifying with it at once); with no server running, "
                        + "deletes from the database directly. Secrets of SCRIBEHOOK_WEBHOOK_SECRETS are removed there."
            },
            footerHeading = "%nExample:%n",
            footer = "  scribehook receiver secrets delete healthie-42")
    int delete(
            @Mixin ConfigOption config,
            @Parameters(paramLabel = "KEY_ID", description = "The secret's id, as `secrets list` shows it.")
                    String keyId,
            @Mixin ServerOption server) {
        if (keyId.startsWith("env-")) {
            throw CliFailure.usage(keyId + " comes from SCRIBEHOOK_WEBHOOK_SECRETS: remove it from there");
        }
        AppConfig cfg = config.load();
        boolean deleted = new ServerOrDatabase(
                        cfg, server.url, spec.commandLine().getErr())
                .run(
                        c -> c.delete("/api/receiver/secrets/" + URLEncoder.encode(keyId, StandardCharsets.UTF_8)),
                        a -> a.status() == 204,
                        db -> db.writer().write(h -> SecretStore.delete(h, keyId)));
        if (!deleted) {
            throw CliFailure.failed("no stored secret has the id " + keyId);
        }
        spec.commandLine().getOut().println("deleted secret " + keyId);
        return 0;
    }

    private static String table(JsonNode n) {
        StringBuilder b = new StringBuilder();
        for (var s : n.path("secrets")) {
            b.append(String.format(
                                    "%-40s %-12s %s",
                                    s.path("key_id").asText(),
                                    s.path("source").asText(),
                                    s.path("created_at").asText(""))
                            .stripTrailing())
                    .append('\n');
        }
        return b.length() == 0
                ? "(no secrets)"
                : String.format("%-40s %-12s %s%n", "KEY ID", "SOURCE", "CREATED")
                                .stripTrailing() + "\n" + b.toString().stripTrailing();
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
