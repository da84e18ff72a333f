package io.scribehook.store;

import io.scribehook.store.queue.JobQueue;
import io.scribehook.store.queue.JobRequest;
import io.scribehook.store.queue.QueueSettings;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Child process of {@link SqliteKillTest}: enqueues jobs from several threads forever and prints
 * {@code committed <id>} after each commit, until it is killed.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {}

    public static void main(String[] args) {
        Database db = Database.open(DatabaseSettings.sqlite(Path.of(args[0])));
        JobQueue queue = new JobQueue(db, QueueSettings.defaults(), Clock.systemUTC());
        for (int t = 0; t < 8; t++) {
            Thread.ofPlatform().start(() -> {
                while (true) {
                    long id = queue.enqueue(JobRequest.of("crash", "probe", "{}"));
                    synchronized (System.out) {
                        System.out.println("committed " + id);
                        System.out.flush();
                    }
                }
            });
        }
    }
}
