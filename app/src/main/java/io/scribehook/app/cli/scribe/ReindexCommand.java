package io.scribehook.app.cli.scribe;

import com.fasterxml.jackson.databind.JsonNode;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.cli.AdminClient;
import io.scribehook.app.cli.CliFailure;
import io.scribehook.app.cli.ConfigOption;
import io.scribehook.app.cli.Progress;
import io.scribehook.app.cli.receiver.ServerOption;
import io.scribehook.app.cli.receiver.ServerOrDatabase;
import io.scribehook.app.config.AppConfig;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.receiver.config.ReceiverConfig;
import io.scribehook.receiver.scribe.SearchIndexer;
import io.scribehook.store.Database;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code scribehook scribe reindex}: rebuilds the search index from the database, on the running
 * server (which keeps answering searches from the old index until the new one commits), or, with
 * none running, directly on the data dir's index.
 */
@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the search index from the stored (encrypted) transcripts and notes, with progress on stderr.",
            "Calls the running server (POST /api/scribe/reindex) and follows its progress; with no server "
                    + "running, opens the database and the index in SCRIBEHOOK_DATA_DIR/index directly (needs "
                    + "SCRIBEHOOK_DATA_KEY). Each instance has its own index: run it against each."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  scribehook scribe reindex", "  scribehook scribe reindex --server http://10.0.0.5:8080"})
public final class ReindexCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig cfg = config.load();
        PrintWriter out = spec.commandLine().getOut();
        ServerOrDatabase target =
                new ServerOrDatabase(cfg, server.url, spec.commandLine().getErr());
        String result =
                target.run(c -> c.post("/api/scribe/reindex", null), a -> follow(cfg), db -> direct(cfg, db, spec));
        out.println(result);
        out.flush();
        return 0;
    }

    private String follow(AppConfig cfg) {
        AdminClient client = AdminClient.forConfig(cfg, server.url);
        try (Progress p = Progress.start("Reindexing", 0, spec, false)) {
            return follow(client, p);
        }
    }

    private static String follow(AdminClient client, Progress p) {
        while (true) {
            JsonNode s;
            try {
                AdminClient.Answer a = client.get("/api/scribe/reindex");
                if (!a.ok()) {
                    throw CliFailure.failed("the server answered " + a.status() + " while reindexing");
                }
                s = ServerOrDatabase.json(a.body());
            } catch (AdminClient.Unreachable e) {
                throw CliFailure.failed("the server stopped answering while reindexing");
            }
            int done = s.path("done").asInt();
            int total = s.path("total").asInt();
            String state = s.path("state").asText();
            if (total > 0) {
                p.total(total);
                p.stepBy(done - p.done());
            }
            if ("done".equals(state)) {
                return "search index rebuilt on the server: " + total + " appointments";
            }
            if ("failed".equals(state)) {
                throw CliFailure.failed(
                        "the rebuild failed on the server (" + s.path("error").asText() + "); its log says more");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliFailure.failed("interrupted; the rebuild goes on on the server");
            }
        }
    }

    private static String direct(AppConfig cfg, Database db, CommandSpec spec) {
        FieldCipher cipher = ReceiverConfig.from(cfg.source(), Optional.empty())
                .dataKeys()
                .map(FieldCipher::new)
                .orElseThrow(() -> CliFailure.usage(
                        "SCRIBEHOOK_DATA_KEY is not set: the index is built from decrypted transcripts and notes"));
        Path folder = cfg.dataDir().resolve(ScribehookApp.SEARCH_INDEX_FOLDER);
        SearchIndexer indexer;
        try {
            indexer = SearchIndexer.open(db, cipher, folder, Duration.ofHours(1));
        } catch (UncheckedIOException e) {
            throw CliFailure.failed(e.getMessage() + " (is a server using it?)");
        }
        try (indexer;
                Progress p = Progress.start("Reindexing", 0, spec, false)) {
            int n = indexer.rebuild((done, total) -> {
                p.total(total);
                p.stepBy(done - p.done());
            });
            return "search index rebuilt in " + folder + ": " + n + " appointments, " + indexer.documentCount()
                    + " passages";
        }
    }
}
