package io.scribehook.receiver.scribe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.receiver.healthie.TranscriptDownloader;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.roles.AppointmentPeople;
import io.scribehook.store.Database;
import io.scribehook.store.DatabaseSettings;
import io.scribehook.store.queue.Job;
import io.scribehook.store.queue.JobOutcome;
import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.QueueSettings;
import io.scribehook.store.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Not a test: the transcript job on the 60-minute visit, end to end on one thread (GraphQL fetch
 * from the stand-in, download, parse, analyse, draft with the offline writer, encrypt, one database
 * transaction), and the pipeline alone, with median and p95 over {@code RUNS} after {@code WARMUP}.
 * Usage: {@code TranscriptJobBench [sqlite|postgres] [runs] [warmup]}.
 */
public final class TranscriptJobBench {
    private TranscriptJobBench() {}

    public static void main(String[] args) throws Exception {
        String dialect = args.length > 0 ? args[0] : "sqlite";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String vtt = Files.readString(TranscriptJobContract.LONG_VISIT);
        PostgresTestDatabase pg = "postgres".equals(dialect) ? PostgresTestDatabase.create() : null;
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Database db = pg != null
                ? pg.open()
                : Database.open(DatabaseSettings.sqlite(
                        Files.createTempDirectory(dir, "scribe-").resolve("b.db")));
        Clock clock = Clock.systemUTC();
        try (HealthieStandIn standIn = HealthieStandIn.start();
                HealthieClient client = new HealthieClient(standIn.settings("bench"), clock);
                TranscriptDownloader downloader = new TranscriptDownloader(Duration.ofSeconds(30), 32L << 20)) {
            JobQueue queue = new JobQueue(db, QueueSettings.defaults(), clock);
            FieldCipher cipher = new FieldCipher(DataKeys.parse(DataKeys.generate("bench", new SecureRandom())));
            HealthieScribeSource source = new HealthieScribeSource(client, downloader);
            ScribeSetup setup =
                    new ScribeSetup(TranscriptJobContract.pipeline(), NoteTemplates.builtIn("hp"), NoteDrafted.NONE);
            TranscriptJob job = new TranscriptJob(
                    db,
                    queue,
                    source,
                    source,
                    setup,
                    Optional.of(cipher),
                    Duration.ofHours(24),
                    clock,
                    new SimpleMeterRegistry());
            double[] pipeline = new double[runs];
            for (int i = 0; i < warmup + runs; i++) {
                long t0 = System.nanoTime();
                setup.pipeline().run(vtt, AppointmentPeople.UNKNOWN, setup.template());
                if (i >= warmup) {
                    pipeline[i - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
            double[] whole = new double[runs];
            for (int i = 0; i < warmup + runs; i++) {
                String id = "b" + i;
                standIn.putAppointment(id, HealthieStandIn.sampleAppointment(id));
                standIn.putTranscriptFile("t" + i, vtt);
                standIn.putTranscripts(
                        id,
                        "["
                                + HealthieStandIn.transcript(
                                        "t" + i,
                                        "completed",
                                        "processed_recording",
                                        HealthieStandIn.fileUrl("t" + i),
                                        null,
                                        null)
                                + "]");
                queue.offer(Jobs.scribeTranscript(id));
                List<Job> claimed = queue.claim(Jobs.QUEUE, "bench", 1);
                long t0 = System.nanoTime();
                JobOutcome outcome = job.handle(claimed.get(0));
                double ms = (System.nanoTime() - t0) / 1e6;
                if (!(outcome instanceof JobOutcome.Completed)) {
                    throw new IllegalStateException("run " + i + ": " + outcome);
                }
                if (i >= warmup) {
                    whole[i - warmup] = ms;
                }
            }
            System.out.printf(
                    "60-minute visit, %s, %d runs after %d warm-up: pipeline alone median %.1f ms p95 %.1f ms; "
                            + "whole job (fetch, download, pipeline, encrypt, store) median %.1f ms p95 %.1f ms%n",
                    dialect, runs, warmup, pct(pipeline, 50), pct(pipeline, 95), pct(whole, 50), pct(whole, 95));
        } finally {
            db.close();
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
