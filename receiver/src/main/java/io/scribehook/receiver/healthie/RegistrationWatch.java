package io.scribehook.receiver.healthie;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.config.ConfigSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code SCRIBEHOOK_REGISTRATION_CHECK_INTERVAL}, reads our registrations at the Healthie API
 * ({@link ExpectedRegistration}) and raises an alarm when one of them becomes disabled or is newly
 * warned: one log line with the registration's id, the counter {@code
 * scribehook_receiver_registration_alarms_total{alarm}} and an operator event through the
 * {@link Alarm} (the app enqueues {@code webhook.disabled}/{@code webhook.warned} with resource type
 * {@code HealthieWebhook} in the delivery outbox). The gauge {@code
 * scribehook_receiver_registrations{state}} counts ours as {@code enabled}, {@code warned} and
 * {@code disabled} after each check.
 *
 * <p>An alarm is raised once per change (disabled again after an enable, or a new {@code
 * warned_at}), not at every check; after a restart a registration still disabled alarms once more.
 * A failed read of the API is logged (reason only) and changes nothing. {@link #checkOnce} is the
 * whole work, for tests; {@link #start} schedules it on one virtual thread.
 */
public final class RegistrationWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationWatch.class);
    /** Operator event for a registration Healthie has disabled (the delivery module's name). */
    public static final String DISABLED = "webhook.disabled";
    /** Operator event for a registration Healthie has warned about. */
    public static final String WARNED = "webhook.warned";
    /** The resource type of those events: a registration at Healthie, not one of the hub's. */
    public static final String RESOURCE_TYPE = "HealthieWebhook";

    /** Tells operators: {@code eventType} is {@link #DISABLED} or {@link #WARNED}, {@code webhookId} Healthie's id. */
    @FunctionalInterface
    public interface Alarm {
        void raise(String eventType, String webhookId);
    }

    private final HealthieClient client;
    private final ExpectedRegistration expected;
    private final Alarm alarm;
    private final MeterRegistry registry;
    private final Map<String, Boolean> disabledSeen = new HashMap<>();
    private final Map<String, Instant> warnedSeen = new HashMap<>();
    private final Map<String, AtomicInteger> gauges = new HashMap<>();
    private ScheduledExecutorService timer;

    public RegistrationWatch(
            HealthieClient client, ExpectedRegistration expected, Alarm alarm, MeterRegistry registry) {
        this.client = Objects.requireNonNull(client, "client");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.alarm = Objects.requireNonNull(alarm, "alarm");
        this.registry = Objects.requireNonNull(registry, "registry");
        for (String state : List.of("enabled", "warned", "disabled")) {
            AtomicInteger g = new AtomicInteger();
            gauges.put(state, g);
            Gauge.builder("scribehook_receiver_registrations", g, AtomicInteger::get)
                    .tag("state", state)
                    .description("our registrations at the Healthie API by state, as last read")
                    .register(registry);
        }
    }

    /**
     * The interval of {@code SCRIBEHOOK_REGISTRATION_CHECK_INTERVAL} (default 15 minutes), empty for
     * {@code off}.
     *
     * @throws ConfigException naming the key for a value that is neither {@code off} nor a positive duration
     */
    public static Optional<Duration> interval(ConfigSource c) {
        if (c.raw(ConfigKey.REGISTRATION_CHECK_INTERVAL)
                .map(String::strip)
                .filter("off"::equalsIgnoreCase)
                .isPresent()) {
            return Optional.empty();
        }
        Duration d = c.duration(ConfigKey.REGISTRATION_CHECK_INTERVAL, Duration.ofMinutes(15));
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(
                    ConfigKey.REGISTRATION_CHECK_INTERVAL.key(),
                    c.raw(ConfigKey.REGISTRATION_CHECK_INTERVAL).orElse(""),
                    "expected a positive duration such as 15m, or off");
        }
        return Optional.of(d);
    }

    /** Reads the registrations once and raises the alarms due; returns how many were raised. */
    public synchronized int checkOnce() {
        FetchResult<List<Webhook>> read = client.allWebhooks();
        if (!(read instanceof FetchResult.Found<List<Webhook>> found)) {
            LOG.warn("registration check: the Healthie API's webhooks query failed ({})", describe(read));
            return 0;
        }
        int raised = 0;
        int enabled = 0;
        int warned = 0;
        int disabled = 0;
        for (Webhook w : expected.ours(found.value())) {
            if (!w.isEnabled()) {
                disabled++;
                if (!Boolean.TRUE.equals(disabledSeen.put(w.id(), true))) {
                    raise(DISABLED, w.id(), "disabled");
                    raised++;
                }
            } else {
                enabled++;
                disabledSeen.put(w.id(), false);
            }
            if (w.warnedAt() != null) {
                warned++;
                if (!w.warnedAt().equals(warnedSeen.put(w.id(), w.warnedAt()))) {
                    raise(WARNED, w.id(), "warned at " + w.warnedAt());
                    raised++;
                }
            } else {
                warnedSeen.remove(w.id());
            }
        }
        gauges.get("enabled").set(enabled);
        gauges.get("warned").set(warned);
        gauges.get("disabled").set(disabled);
        return raised;
    }

    private void raise(String type, String id, String what) {
        LOG.warn(
                "registration {} at the Healthie API is {}: alarm {} raised; `scribehook doctor` says what to do",
                id,
                what,
                type);
        Counter.builder("scribehook_receiver_registration_alarms")
                .tag("alarm", type)
                .description("alarms raised for our registrations at the Healthie API")
                .register(registry)
                .increment();
        alarm.raise(type, id);
    }

    /** Checks every {@code every}, the first time after {@code initialDelay}. */
    public synchronized RegistrationWatch start(Duration initialDelay, Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("scribehook-registration-watch").factory());
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        checkOnce();
                    } catch (RuntimeException e) {
                        LOG.warn("registration check failed: {}", e.getClass().getSimpleName());
                    }
                },
                initialDelay.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private static String describe(FetchResult<?> r) {
        return switch (r) {
            case FetchResult.Found<?> f -> "found";
            case FetchResult.NotFound<?> n -> "not found";
            case FetchResult.TransientFailure<?> t -> t.reason();
            case FetchResult.PermanentFailure<?> p -> p.reason();
            case FetchResult.Unavailable<?> u -> "circuit open until " + u.until();
        };
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        client.close();
    }
}
