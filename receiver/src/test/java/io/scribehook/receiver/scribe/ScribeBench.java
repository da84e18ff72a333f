package io.scribehook.receiver.scribe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scribehook.core.crypto.DataKeys;
import io.scribehook.core.crypto.FieldCipher;
import io.scribehook.receiver.healthie.HealthieClient;
import io.scribehook.receiver.healthie.HealthieStandIn;
import io.scribehook.receiver.healthie.TranscriptDownloader;
import io.scribehook.receiver.inbox.Jobs;
import io.scribehook.scribe.ScribePipeline;
import io.scribehook.scribe.clinical.ClinicalLexicon;
import io.scribehook.scribe.note.NoteTemplates;
import io.scribehook.scribe.search.QuerySyntaxException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: {@code bench/scribe.sh}.
 *
 * <p>{@code pipeline}: the transcript job on the 60-minute visit as the app runs it (GraphQL fetch and
 * download from the stand-in over HTTP, parse, analyse with role detection and clinical extraction,
 * draft with the offline writer, encrypt, one database transaction with the index log entry, then
 * the search index brought up to date and refreshed), median and p95 over {@code runs} after
 * {@code warmup}; each run is checked to be searchable right after (outside the timing).
 *
 * <p>{@code search}: {@code transcripts} distinct generated transcripts of 10 to 60 minutes (cue
 * texts of the fixture recombined, with medication names and clinical terms of the lexicon mixed
 * in), stored encrypted as the job stores them, the index rebuilt from the database (the reindex
 * path), then {@code queries} queries sampled from the corpus (50% one term, 30% two terms ANDed,
 * 20% phrases of 2-3 words), each the top 10 with snippets highlighted from decrypted text.
 *
 * <p>Usage: {@code ScribeBench pipeline|search|all [db=sqlite|postgres] [runs=50] [warmup=10]
 * [transcripts=10000] [queries=1000] [seed=42]}.
 */
public final class ScribeBench {
    private static final Pattern CUE = Pattern.compile("^([^:\\n]{1,40}): (.+)$");
    private static final Set<String> STOP = Set.of(
            "the", "and", "that", "this", "with", "have", "your", "you", "for", "was", "are", "but", "not", "just",
            "what", "they", "okay", "yeah", "from", "there", "about", "been", "like", "some", "will", "know");

    private ScribeBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        String dialect = opt.getOrDefault("db", "sqlite");
        PostgresTestDatabase pg = "postgres".equals(dialect) ? PostgresTestDatabase.create() : null;
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Path work = Files.createTempDirectory(dir, "scribe-");
        PostgresTestDatabase pg2 = "postgres".equals(dialect) ? PostgresTestDatabase.create() : null;
        Database db = pg != null ? pg.open() : Database.open(DatabaseSettings.sqlite(work.resolve("pipeline.db")));
        Database corpus = pg2 != null ? pg2.open() : Database.open(DatabaseSettings.sqlite(work.resolve("corpus.db")));
        FieldCipher cipher = new FieldCipher(DataKeys.parse(DataKeys.generate("bench", new SecureRandom())));
        try {
            if (mode.equals("pipeline") || mode.equals("all")) {
                pipeline(
                        db,
                        cipher,
                        work.resolve("index-pipeline"),
                        dialect,
                        Integer.parseInt(opt.getOrDefault("runs", "50")),
                        Integer.parseInt(opt.getOrDefault("warmup", "10")));
            }
            if (mode.equals("search") || mode.equals("all")) {
                search(
                        corpus,
                        cipher,
                        work.resolve("index-search"),
                        dialect,
                        Integer.parseInt(opt.getOrDefault("transcripts", "10000")),
                        Integer.parseInt(opt.getOrDefault("queries", "1000")),
                        Long.parseLong(opt.getOrDefault("seed", "42")));
            }
        } finally {
            db.close();
            corpus.close();
            if (pg != null) {
                pg.close();
                pg2.close();
            }
        }
    }

    static void pipeline(Database db, FieldCipher cipher, Path index, String dialect, int runs, int warmup)
            throws Exception {
        String vtt = Files.readString(TranscriptJobContract.LONG_VISIT);
        Clock clock = Clock.systemUTC();
        try (HealthieStandIn standIn = HealthieStandIn.start();
                HealthieClient client = new HealthieClient(standIn.settings("bench"), clock);
                TranscriptDownloader downloader = new TranscriptDownloader(Duration.ofSeconds(30), 32L << 20);
                SearchIndexer search = SearchIndexer.start(db, cipher, index, Duration.ofHours(1))) {
            JobQueue queue = new JobQueue(db, QueueSettings.defaults(), clock);
            HealthieScribeSource source = new HealthieScribeSource(client, downloader);
            ScribeSetup setup =
                    new ScribeSetup(ScribePipeline.offline(), NoteTemplates.builtIn("hp"), NoteDrafted.NONE);
            TranscriptJob job = new TranscriptJob(
                    db,
                    queue,
                    source,
                    source,
                    setup,
                    Optional.of(cipher),
                    Duration.ofHours(24),
                    clock,
                    new SimpleMeterRegistry(),
                    Optional.of(search));
            double[] whole = new double[runs];
            double[] jobOnly = new double[runs];
            double[] indexOnly = new double[runs];
            double[] processCpu = new double[runs];
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int i = 0; i < warmup + runs; i++) {
                String id = "p" + i;
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
                // the job as the receiver runs it: after its commit it makes the note searchable on this
                // instance (SearchIndexer.indexed, from the plaintext in memory); then a catch-up, which
                // must find nothing left to apply, timed apart
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                JobOutcome outcome = job.handle(claimed.get(0));
                long t1 = System.nanoTime();
                int applied = search.catchUp();
                long t2 = System.nanoTime();
                long cpu1 = os.getProcessCpuTime();
                if (!(outcome instanceof JobOutcome.Completed)) {
                    throw new IllegalStateException("run " + i + ": " + outcome);
                }
                if (applied != 0) {
                    throw new IllegalStateException("run " + i + ": the job left " + applied + " log entries");
                }
                if (search.search("appointment:" + id + " AND tylenol", 1)
                        .hits()
                        .isEmpty()) {
                    throw new IllegalStateException("run " + i + ": not searchable after the refresh");
                }
                if (i >= warmup) {
                    whole[i - warmup] = (t2 - t0) / 1e6;
                    jobOnly[i - warmup] = (t1 - t0) / 1e6;
                    indexOnly[i - warmup] = (t2 - t1) / 1e6;
                    processCpu[i - warmup] = (cpu1 - cpu0) / 1e6;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "pipeline, 60-minute visit, %s, %d runs after %d warm-up: fetch + parse + analyse + draft + "
                            + "encrypted write + index refresh median %.1f ms, p95 %.1f ms; of which the job "
                            + "(fetch to searchable on this instance) median %.1f / p95 %.1f ms and the log catch-up "
                            + "after it (nothing left to apply) median %.1f / p95 %.1f ms; %d passages per run%n",
                    dialect,
                    runs,
                    warmup,
                    pct(whole, 50),
                    pct(whole, 95),
                    pct(jobOnly, 50),
                    pct(jobOnly, 95),
                    pct(indexOnly, 50),
                    pct(indexOnly, 95),
                    search.documentCount() / (runs + warmup));
            System.out.printf(
                    Locale.ROOT,
                    "pipeline, CPU time of the whole process per run (every thread: stand-in, job, writer, indexer, "
                            + "GC; the job is sequential, so about a quiet machine's wall time): median %.1f ms, p95 %.1f ms%n",
                    pct(processCpu, 50),
                    pct(processCpu, 95));
        }
    }

    static void search(
            Database db, FieldCipher cipher, Path index, String dialect, int transcripts, int queries, long seed)
            throws Exception {
        Random rnd = new Random(seed);
        List<String> pool = cues(Files.readString(TranscriptJobContract.LONG_VISIT));
        List<String> clinical = new ArrayList<>();
        ClinicalLexicon lexicon = ClinicalLexicon.defaults();
        lexicon.medications().forEach(m -> clinical.add(m.name()));
        lexicon.terms().forEach(t -> {
            clinical.add(t.term());
            clinical.addAll(t.synonyms());
        });
        List<String> sample = new ArrayList<>();
        long t0 = System.nanoTime();
        long turnsStored = 0;
        int batch = 20;
        for (int start = 0; start < transcripts; start += batch) {
            List<Generated> gen = new ArrayList<>();
            for (int k = start; k < Math.min(transcripts, start + batch); k++) {
                Generated g = generate("g" + k, pool, clinical, rnd, cipher);
                gen.add(g);
                turnsStored += g.turns.size();
                if (rnd.nextInt(10) == 0) {
                    sample.add(g.plain.get(rnd.nextInt(g.plain.size())));
                }
            }
            db.writer().write(h -> {
                for (Generated g : gen) {
                    store(h, g, cipher);
                }
                return null;
            });
            if ((start / batch) % 50 == 0) {
                System.out.printf(Locale.ROOT, "generated and stored %d/%d transcripts%n", start, transcripts);
            }
        }
        double storeSeconds = (System.nanoTime() - t0) / 1e9;
        try (SearchIndexer indexer = SearchIndexer.open(db, cipher, index, Duration.ofHours(1))) {
            long r0 = System.nanoTime();
            indexer.rebuild((done, total) -> {
                if (done % 1000 == 0) {
                    System.out.printf(Locale.ROOT, "reindexing: %d/%d%n", done, total);
                }
            });
            double rebuildSeconds = (System.nanoTime() - r0) / 1e9;
            int passages = indexer.documentCount();
            long bytes;
            try (var files = Files.list(index)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            List<String> qs = new ArrayList<>();
            while (qs.size() < queries + 200) {
                String q = query(sample.get(rnd.nextInt(sample.size())), rnd);
                if (q != null) {
                    qs.add(q);
                }
            }
            double[] ms = new double[queries];
            double[] cpu = new double[queries];
            List<List<Double>> byKind = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long hits = 0;
            int empty = 0;
            int[] kinds = new int[3];
            for (int i = 0; i < qs.size(); i++) {
                String q = qs.get(i);
                long c0 = threads.getCurrentThreadCpuTime();
                long s0 = System.nanoTime();
                var res = indexer.search(q, 10);
                double t = (System.nanoTime() - s0) / 1e6;
                double c = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                if (i >= 200) {
                    ms[i - 200] = t;
                    cpu[i - 200] = c;
                    hits += res.hits().size();
                    empty += res.hits().isEmpty() ? 1 : 0;
                    int kind = q.startsWith("\"") ? 2 : q.contains(" AND ") ? 1 : 0;
                    kinds[kind]++;
                    byKind.get(kind).add(t);
                    if (!res.hits().isEmpty() && !res.hits().get(0).snippet().contains("<mark>")) {
                        throw new IllegalStateException("a hit without a highlighted snippet");
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "search corpus, %s: %d transcripts of 10-60 min, %d turns + note sections = %d passages; "
                            + "generated and stored encrypted in %.0f s; index rebuilt from the database in %.0f s "
                            + "(%.0f passages/s), %.0f MB on disk%n",
                    dialect,
                    transcripts,
                    turnsStored,
                    passages,
                    storeSeconds,
                    rebuildSeconds,
                    passages / rebuildSeconds,
                    bytes / 1e6);
            System.out.printf(
                    Locale.ROOT,
                    "search, %d queries after 200 warm-up (%d one term, %d two-term AND, %d phrases), top 10 with "
                            + "highlighted snippets from decrypted text: p50 %.2f ms, p99 %.2f ms, mean %.2f ms; "
                            + "%.1f hits per query, %d with none%n",
                    queries,
                    kinds[0],
                    kinds[1],
                    kinds[2],
                    pct(ms, 50),
                    pct(ms, 99),
                    Arrays.stream(ms).average().orElse(0),
                    hits / (double) queries,
                    empty);
            System.out.printf(
                    Locale.ROOT,
                    "search, same queries, CPU time of the searching thread (the whole search runs on it: Lucene, "
                            + "SQLite reads, decryption, highlighting; what a quiet machine's wall time would be): "
                            + "p50 %.2f ms, p99 %.2f ms; wall p99 by kind: one term %.2f ms, AND %.2f ms, phrase %.2f ms%n",
                    pct(cpu, 50),
                    pct(cpu, 99),
                    pct(byKind.get(0).stream().mapToDouble(Double::doubleValue).toArray(), 99),
                    pct(byKind.get(1).stream().mapToDouble(Double::doubleValue).toArray(), 99),
                    pct(byKind.get(2).stream().mapToDouble(Double::doubleValue).toArray(), 99));
        } catch (QuerySyntaxException e) {
            throw new IllegalStateException("a sampled query does not parse: " + e.getMessage(), e);
        }
    }

    private record Generated(
            String id, int minutes, List<SealedDraft.SealedTurn> turns, List<String> plain, String note) {}

    private static Generated generate(
            String id, List<String> pool, List<String> clinical, Random rnd, FieldCipher cipher) {
        int minutes = 10 + rnd.nextInt(51);
        int count = minutes * 6;
        String tid = "t-" + id;
        List<SealedDraft.SealedTurn> turns = new ArrayList<>(count);
        List<String> plain = new ArrayList<>(count);
        long perTurn = minutes * 60_000L / count;
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int cues = 1 + rnd.nextInt(4);
            for (int c = 0; c < cues; c++) {
                if (c > 0) {
                    text.append(' ');
                }
                text.append(pool.get(rnd.nextInt(pool.size())));
            }
            if (rnd.nextInt(4) == 0) {
                text.append(" and the ")
                        .append(clinical.get(rnd.nextInt(clinical.size())))
                        .append(" with ")
                        .append(clinical.get(rnd.nextInt(clinical.size())))
                        .append('.');
            }
            String t = text.toString();
            String row = ScribeTables.turnRow(tid, i);
            String speaker = i % 2 == 0 ? "Dr. Bench Clinician" : "Pat Bench";
            turns.add(new SealedDraft.SealedTurn(
                    i,
                    cipher.encrypt(speaker, ScribeTables.place(ScribeTables.TURNS, row, "speaker")),
                    i % 2 == 0 ? "clinician" : "patient",
                    i * perTurn,
                    (i + 1) * perTurn,
                    cipher.encrypt(t, ScribeTables.place(ScribeTables.TURNS, row, "text"))));
            plain.add(t);
        }
        String noteJson =
                "{\"template\":\"hp\",\"writer\":\"offline\",\"sections\":[{\"title\":\"Assessment\",\"text\":"
                        + quote(plain.get(0)) + ",\"cues\":[{\"start\":0.0,\"end\":1.0}]},{\"title\":\"Plan\",\"text\":"
                        + quote(plain.get(plain.size() - 1)) + ",\"cues\":[]}]}";
        String note = cipher.encrypt(
                noteJson, ScribeTables.place(ScribeTables.NOTES, ScribeTables.noteRow(id, tid, "offline"), "note"));
        return new Generated(id, minutes, turns, plain, note);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void store(org.jdbi.v3.core.Handle h, Generated g, FieldCipher cipher) {
        String tid = "t-" + g.id();
        long now = System.currentTimeMillis();
        h.createUpdate(
                        "INSERT INTO scribe_appointments (appointment_id, state, transcript_id, transcript_type, "
                                + "transcript_rank, note_version, updated_at) VALUES (:a, 'drafted', :t, 'processed_recording', 2, 1, :now)")
                .bind("a", g.id())
                .bind("t", tid)
                .bind("now", now)
                .execute();
        h.createUpdate(
                        "INSERT INTO scribe_transcripts (transcript_id, appointment_id, transcript_type, turn_count, "
                                + "duration_ms, analysis, processed_at) VALUES (:t, :a, 'processed_recording', :n, :d, :an, :now)")
                .bind("t", tid)
                .bind("a", g.id())
                .bind("n", g.turns().size())
                .bind("d", g.minutes() * 60_000L)
                .bind("an", cipher.encrypt("{}", ScribeTables.place(ScribeTables.TRANSCRIPTS, tid, "analysis")))
                .bind("now", now)
                .execute();
        var batch = h.prepareBatch("INSERT INTO scribe_turns (transcript_id, seq, appointment_id, speaker, role, "
                + "start_ms, end_ms, text) VALUES (:t, :seq, :a, :speaker, :role, :start, :end, :text)");
        for (SealedDraft.SealedTurn turn : g.turns()) {
            batch.bind("t", tid)
                    .bind("seq", turn.seq())
                    .bind("a", g.id())
                    .bind("speaker", turn.speaker())
                    .bind("role", turn.role())
                    .bind("start", turn.startMillis())
                    .bind("end", turn.endMillis())
                    .bind("text", turn.text())
                    .add();
        }
        batch.execute();
        h.createUpdate("INSERT INTO scribe_notes (appointment_id, version, transcript_id, writer, template, note, "
                        + "created_at, updated_at) VALUES (:a, 1, :t, 'offline', 'hp', :note, :now, :now)")
                .bind("a", g.id())
                .bind("t", tid)
                .bind("note", g.note())
                .bind("now", now)
                .execute();
    }

    /** A query from a sampled turn: 50% one term, 30% two terms ANDed, 20% a phrase; null if the turn has too few words. */
    static String query(String turn, Random rnd) {
        String[] raw = turn.toLowerCase(Locale.ROOT).split("\\s+");
        List<String> words = new ArrayList<>();
        for (String w : raw) {
            String s = w.replaceAll("[.,?!;:]+$", "");
            if (s.matches("[a-z]{4,}") && !STOP.contains(s)) {
                words.add(s);
            }
        }
        int kind = rnd.nextInt(10);
        if (kind < 5) {
            return words.isEmpty() ? null : words.get(rnd.nextInt(words.size()));
        }
        if (kind < 8) {
            if (words.size() < 2) {
                return null;
            }
            String a = words.get(rnd.nextInt(words.size()));
            String b = words.get(rnd.nextInt(words.size()));
            return a.equals(b) ? null : a + " AND " + b;
        }
        int len = 2 + rnd.nextInt(2);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + len <= raw.length; i++) {
            boolean ok = true;
            for (int j = i; j < i + len; j++) {
                String s = j < i + len - 1 ? raw[j] : raw[j].replaceAll("[.,?!;:]+$", "");
                ok &= s.matches("[a-z]+");
            }
            if (ok) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            return null;
        }
        int s = starts.get(rnd.nextInt(starts.size()));
        StringBuilder p = new StringBuilder("\"");
        for (int j = s; j < s + len; j++) {
            p.append(j > s ? " " : "").append(raw[j].replaceAll("[.,?!;:]+$", ""));
        }
        return p.append('"').toString();
    }

    /** The cue texts of a WebVTT file (speaker prefixes dropped). */
    static List<String> cues(String vtt) {
        List<String> out = new ArrayList<>();
        for (String line : vtt.split("\\R")) {
            if (line.contains("-->")) {
                continue;
            }
            Matcher m = CUE.matcher(line);
            if (m.matches()) {
                out.add(m.group(2).strip());
            }
        }
        return out;
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
