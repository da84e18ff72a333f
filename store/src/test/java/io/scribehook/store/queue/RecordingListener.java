package io.scribehook.store.queue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a {@link WorkerPool} did, in order, as short strings such as {@code woke:POLL}. */
final class RecordingListener implements WorkerPool.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void woke(WakeReason reason) {
        events.add("woke:" + reason);
    }

    @Override
    public void idle() {
        events.add("idle");
    }

    @Override
    public void claimed(Job job) {
        events.add("claimed:" + job.id());
    }

    @Override
    public void completed(Job job) {
        events.add("completed:" + job.id());
    }

    @Override
    public void rescheduled(Job job, Instant at) {
        events.add("rescheduled:" + job.id());
    }

    @Override
    public void snoozed(Job job, Instant until) {
        events.add("snoozed:" + job.id());
    }

    @Override
    public void superseded(Job job, long pendingId) {
        events.add("superseded:" + job.id());
    }

    @Override
    public void dead(Job job, String error) {
        events.add("dead:" + job.id());
    }

    @Override
    public void stale(Job job) {
        events.add("stale:" + job.id());
    }

    @Override
    public void leaseLost(Job job) {
        events.add("leaseLost:" + job.id());
    }

    int indexOf(String event) {
        return events.indexOf(event);
    }

    /** The wake reason of the last wake-up before {@code event}, or null. */
    String wakeBefore(String event) {
        List<String> copy = List.copyOf(events);
        int at = copy.indexOf(event);
        for (int i = at - 1; i >= 0; i--) {
            if (copy.get(i).startsWith("woke:")) {
                return copy.get(i);
            }
        }
        return null;
    }
}
