package io.scribehook.receiver.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of the webhook endpoint: requests by outcome, and refusals by guard and reason code.
 * Labels are fixed code words, never ids or payload text.
 */
public final class ReceiverMetrics {
    /** The guards, in the order the endpoint applies them. */
    public static final String[] GUARDS = {"source_ip", "size", "content_type", "digest", "signature", "body"};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ReceiverMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : new String[] {"accepted", "duplicate", "ignored", "rejected", "unavailable"}) {
            outcomeCounter(outcome);
        }
        for (String guard : GUARDS) {
            guardCounter(guard, "none");
        }
    }

    /** Counts one answered request. */
    public void outcome(String outcome) {
        outcomeCounter(outcome).increment();
    }

    /** Counts one refusal by a guard, with the reason code it answered. */
    public void rejected(String guard, String reason) {
        guardCounter(guard, reason).increment();
        outcome("rejected");
    }

    private Counter outcomeCounter(String outcome) {
        return counters.computeIfAbsent(
                "o:" + outcome,
                k -> Counter.builder("scribehook_receiver_requests")
                        .tag("outcome", outcome)
                        .description("webhook requests by outcome")
                        .register(registry));
    }

    private Counter guardCounter(String guard, String reason) {
        return counters.computeIfAbsent(
                "g:" + guard + ":" + reason,
                k -> Counter.builder("scribehook_receiver_guard_rejections")
                        .tag("guard", guard)
                        .tag("reason", reason)
                        .description("requests refused by each guard")
                        .register(registry));
    }
}
