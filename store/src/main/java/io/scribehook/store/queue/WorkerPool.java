package io.scribehook.store.queue;

import io.scribehook.core.time.Jitter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs of one queue: claims as many as it has free slots, runs each job's handler (by kind,
 * from its {@link JobHandlers}) on a virtual thread, renews their leases every {@link QueueSettings#heartbeatInterval()}, sweeps expired
 * leases, and between claims that find nothing waits on the queue's {@link JobSignal} (NOTIFY or
 * in-process signal) or the jittered {@link QueueSettings#pollInterval()}.
 *
 * <p>{@link #close()} is graceful: it stops claiming and waits up to one lease for running jobs;
 * jobs still running after that are interrupted and will be reclaimed when their lease expires.
 *
 * <pre>{@code
 * WorkerPool pool = WorkerPool.builder(queue, "receiver")
 *         .handlers(JobHandlers.create().on("webhook", processor::process))
 *         .concurrency(8)
 *         .start();
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final long ERROR_PAUSE_MILLIS = 1_000;
    private static final long THROTTLED_PAUSE_MILLIS = 20;

    /**
     * Caps how many of the pool's jobs may run at once, asked before every claim: lets work that
     * matters more in this process (acknowledging webhooks) take precedence during a burst.
     */
    @FunctionalInterface
    public interface Throttle {
        /** No cap beyond the pool's concurrency. */
        Throttle NONE = () -> Integer.MAX_VALUE;

        /** The most jobs that may run now; values below 1 count as 1, so the queue never stalls. */
        int limit();
    }

    /** Observes a pool; callbacks run on the pool's threads and must return quickly. */
    public interface Listener {
        /** Observes nothing. */
        Listener NONE = new Listener() {};

        /** An idle wait ended. */
        default void woke(WakeReason reason) {}

        /** A claim found fewer jobs than free slots; the pool is about to wait. */
        default void idle() {}

        default void claimed(Job job) {}

        default void completed(Job job) {}

        /** Failed, to run again not before {@code at} (an attempt spent). */
        default void rescheduled(Job job, Instant at) {}

        /** Snoozed until {@code until} (no attempt spent). */
        default void snoozed(Job job, Instant until) {}

        /** Completed instead of going back, as job {@code pendingId} with its unique key is pending. */
        default void superseded(Job job, long pendingId) {}

        default void dead(Job job, String error) {}

        /** The job was no longer this worker's when it finished (lease lost or reclaimed). */
        default void stale(Job job) {}

        /** A heartbeat found the job no longer held by this worker. */
        default void leaseLost(Job job) {}

        /** The store failed (claim, heartbeat or finish); the pool keeps going. */
        default void storeError(RuntimeException e) {}
    }

    private final JobQueue queue;
    private final String queueName;
    private final String owner;
    private final int concurrency;
    private final JobHandlers handlers;
    private final Listener listener;
    private final Throttle throttle;
    private final JobSignal signal;
    private final Semaphore slots;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final ThreadFactory jobThreads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong snoozed = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private volatile boolean stopped;
    private Thread dispatcher;
    private Thread keeper;

    private WorkerPool(Builder b) {
        this.queue = b.queue;
        this.queueName = b.queueName;
        this.owner =
                b.owner != null ? b.owner : ManagementFactory.getRuntimeMXBean().getName() + "/" + b.queueName;
        this.concurrency = b.concurrency;
        this.handlers = b.handlers;
        this.listener = b.listener;
        this.throttle = b.throttle;
        this.signal = queue.signal();
        this.slots = new Semaphore(concurrency);
        this.jobThreads =
                Thread.ofVirtual().name("scribehook-job-" + queueName + "-", 0).factory();
    }

    /** A pool for the jobs of {@code queueName}; {@link Builder#handlers} is required, the rest optional. */
    public static Builder builder(JobQueue queue, String queueName) {
        return new Builder(queue, queueName);
    }

    /** Configures a {@link WorkerPool}; every setter checks its argument at once. */
    public static final class Builder {
        private final JobQueue queue;
        private final String queueName;
        private String owner;
        private int concurrency = 1;
        private JobHandlers handlers;
        private Listener listener = Listener.NONE;
        private Throttle throttle = Throttle.NONE;

        private Builder(JobQueue queue, String queueName) {
            this.queue = Objects.requireNonNull(queue, "queue");
            if (queueName == null || queueName.isBlank()) {
                throw new IllegalArgumentException("queueName must not be blank");
            }
            this.queueName = queueName;
        }

        /** The lease owner written on claimed jobs; default {@code pid@host/queueName}. Unique per pool. */
        public Builder owner(String owner) {
            if (owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("owner must not be blank");
            }
            this.owner = owner;
            return this;
        }

        /** How many jobs run at once; default 1. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency " + concurrency + " is not allowed; use 1 or more");
            }
            this.concurrency = concurrency;
            return this;
        }

        /** The handler of each job kind (required, at least one kind). */
        public Builder handlers(JobHandlers handlers) {
            Objects.requireNonNull(handlers, "handlers");
            if (handlers.kinds().isEmpty()) {
                throw new IllegalArgumentException(
                        "handlers has no job kind: every job would die; add one with on(kind, handler)");
            }
            this.handlers = handlers;
            return this;
        }

        /** Observes the pool; default {@link Listener#NONE}. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Caps running jobs below the concurrency when asked; default {@link Throttle#NONE}. */
        public Builder throttle(Throttle throttle) {
            this.throttle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        /** The pool, not started yet. */
        public WorkerPool build() {
            if (handlers == null) {
                throw new IllegalStateException(
                        "no handlers for queue " + queueName + ": call handlers(JobHandlers) before build()");
            }
            return new WorkerPool(this);
        }

        /** {@link #build()} and {@link WorkerPool#start()}. */
        public WorkerPool start() {
            return build().start();
        }
    }

    /** Starts claiming; returns this. */
    public synchronized WorkerPool start() {
        if (dispatcher != null) {
            throw new IllegalStateException("already started");
        }
        dispatcher = Thread.ofVirtual().name("scribehook-claim-" + queueName).start(this::dispatch);
        keeper = Thread.ofVirtual().name("scribehook-lease-" + queueName).start(this::keepLeases);
        return this;
    }

    public long claimed() {
        return claimed.get();
    }

    public long completed() {
        return completed.get();
    }

    public long retried() {
        return retried.get();
    }

    public long snoozed() {
        return snoozed.get();
    }

    public long superseded() {
        return superseded.get();
    }

    public long dead() {
        return dead.get();
    }

    public long stale() {
        return stale.get();
    }

    /** Jobs running now. */
    public int inFlight() {
        return running.size();
    }

    public String owner() {
        return owner;
    }

    public String queueName() {
        return queueName;
    }

    public JobQueue queue() {
        return queue;
    }

    private void dispatch() {
        while (!stopped) {
            int free;
            try {
                slots.acquire();
                free = 1 + slots.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
            if (stopped) {
                slots.release(free);
                break;
            }
            int allowed = Math.min(free, Math.max(1, throttle.limit()) - (concurrency - free));
            if (allowed < free) {
                slots.release(free - Math.max(0, allowed));
                if (allowed <= 0) {
                    if (!pause(THROTTLED_PAUSE_MILLIS)) {
                        break;
                    }
                    continue;
                }
                free = allowed;
            }
            long seen = signal.generation(queueName);
            List<Job> jobs;
            try {
                jobs = queue.claim(queueName, owner, free);
            } catch (RuntimeException e) {
                slots.release(free);
                listener.storeError(e);
                log.warn("claim on queue {} failed: {}", queueName, e.getMessage());
                if (!pause(ERROR_PAUSE_MILLIS)) {
                    break;
                }
                continue;
            }
            if (jobs.size() < free) {
                slots.release(free - jobs.size());
            }
            for (Job job : jobs) {
                claimed.incrementAndGet();
                listener.claimed(job);
                Running r = new Running(job);
                running.put(job.id(), r);
                r.thread = jobThreads.newThread(() -> run(r));
                r.thread.start();
            }
            if (jobs.size() < free) {
                listener.idle();
                try {
                    WakeReason why = signal.await(queueName, seen, jitteredPoll());
                    if (stopped) {
                        break;
                    }
                    listener.woke(why);
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
    }

    private void run(Running r) {
        Job job = r.job;
        try {
            JobOutcome outcome;
            try {
                outcome = handlers.handle(job);
                if (outcome == null) {
                    outcome = JobOutcome.retry("handler returned no outcome");
                }
            } catch (InterruptedException e) {
                outcome = JobOutcome.retry("interrupted: the worker was stopping");
            } catch (Exception | LinkageError | AssertionError e) {
                outcome = JobOutcome.retry(describe(e));
            }
            running.remove(job.id());
            finish(job, outcome);
        } catch (RuntimeException e) {
            listener.storeError(e);
            log.warn(
                    "job {} of queue {} could not be finished: {}; its lease will expire",
                    job.id(),
                    queueName,
                    e.getMessage());
        } finally {
            running.remove(job.id());
            slots.release();
        }
    }

    private void finish(Job job, JobOutcome outcome) {
        switch (outcome) {
            case JobOutcome.Completed c -> completed(job, c.result());
            case JobOutcome.Recorded r -> failed(job, r.result(), "recorded by the handler");
            case JobOutcome.Retry r -> failed(job, queue.fail(job, r.reason(), true), r.reason());
            case JobOutcome.RetryAt r -> failed(job, queue.retryAt(job, r.at(), r.reason()), r.reason());
            case JobOutcome.Snooze z -> failed(job, queue.snooze(job, z.until(), z.reason()), z.reason());
            case JobOutcome.Fail f -> failed(job, queue.fail(job, f.reason(), false), f.reason());
        }
    }

    private void completed(Job job, CompletionResult result) {
        switch (result) {
            case CompletionResult.Completed c -> {
                completed.incrementAndGet();
                listener.completed(job);
            }
            case CompletionResult.Stale s -> staleJob(job);
        }
    }

    private void failed(Job job, FailureResult result, String reason) {
        switch (result) {
            case FailureResult.Rescheduled r -> {
                retried.incrementAndGet();
                listener.rescheduled(job, r.at());
            }
            case FailureResult.Snoozed z -> {
                snoozed.incrementAndGet();
                listener.snoozed(job, z.until());
            }
            case FailureResult.Superseded z -> {
                superseded.incrementAndGet();
                listener.superseded(job, z.pendingId());
            }
            case FailureResult.Dead d -> {
                dead.incrementAndGet();
                listener.dead(job, reason);
            }
            case FailureResult.Stale s -> staleJob(job);
        }
    }

    private void staleJob(Job job) {
        stale.incrementAndGet();
        listener.stale(job);
        log.info("job {} of queue {} finished after its lease was lost; result discarded", job.id(), queueName);
    }

    /** Heartbeats for running jobs, and the sweep of expired leases, every heartbeat interval. */
    private void keepLeases() {
        long every = queue.settings().heartbeatInterval().toNanos();
        while (true) {
            lock.lock();
            try {
                long left = every;
                while (left > 0 && !(stopped && running.isEmpty())) {
                    left = stopping.awaitNanos(left);
                }
                if (stopped && running.isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            for (Running r : running.values()) {
                try {
                    // still mapped after a failed heartbeat = still running here, but no longer ours
                    if (!queue.heartbeat(r.job) && running.remove(r.job.id(), r)) {
                        listener.leaseLost(r.job);
                        log.info("job {} of queue {}: lease lost", r.job.id(), queueName);
                    }
                } catch (RuntimeException e) {
                    listener.storeError(e);
                }
            }
            if (!stopped) {
                try {
                    queue.reclaimExpired();
                } catch (RuntimeException e) {
                    listener.storeError(e);
                }
            }
        }
    }

    /**
     * Stops claiming, waits up to one lease for running jobs to finish, then interrupts what is
     * left (whose leases will expire and be reclaimed).
     */
    @Override
    public void close() {
        Thread d;
        Thread k;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            d = dispatcher;
            k = keeper;
        }
        if (d == null) {
            return;
        }
        d.interrupt();
        join(d, Duration.ofSeconds(5));
        boolean drained = false;
        try {
            drained = slots.tryAcquire(concurrency, queue.settings().lease().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!drained) {
            log.warn(
                    "queue {}: {} job(s) still running after {}; interrupting them",
                    queueName,
                    running.size(),
                    queue.settings().lease());
            running.values().forEach(r -> r.thread.interrupt());
        }
        lock.lock();
        try {
            running.clear();
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
        join(k, Duration.ofSeconds(5));
    }

    private boolean pause(long millis) {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (left > 0 && !stopped) {
                left = stopping.awaitNanos(left);
            }
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private Duration jitteredPoll() {
        long ms = queue.settings().pollInterval().toMillis();
        return Duration.ofMillis(Math.max(1, Jitter.spreadMillis(ms, 0.1)));
    }

    private static void join(Thread t, Duration max) {
        try {
            t.join(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getName() + (m == null ? "" : ": " + m);
    }

    private static final class Running {
        final Job job;
        volatile Thread thread;

        Running(Job job) {
            this.job = job;
        }
    }
}
