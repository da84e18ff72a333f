package io.scribehook.receiver.scribe;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a rebuild of the search index stands, for {@code GET /api/scribe/reindex}. */
public final class ReindexStatus {
    /** Told after each appointment of a rebuild. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void progress(int done, int total);
    }

    private String state = "idle";
    private int done;
    private int total;
    private String error;

    synchronized void started(int total) {
        this.state = "running";
        this.total = total;
        this.done = 0;
        this.error = null;
    }

    synchronized void progress(int done) {
        this.done = done;
    }

    synchronized void finished(String error) {
        this.state = error == null ? "done" : "failed";
        this.error = error;
    }

    /** True while a rebuild runs. */
    public synchronized boolean running() {
        return "running".equals(state);
    }

    /** {@code state} (idle, running, done, failed), {@code done}, {@code total}, {@code error}. */
    public synchronized Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state);
        m.put("done", done);
        m.put("total", total);
        m.put("error", error);
        return m;
    }
}
