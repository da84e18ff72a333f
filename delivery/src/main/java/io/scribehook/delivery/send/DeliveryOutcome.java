package io.scribehook.delivery.send;

import java.time.Instant;

/**
 * How one attempt is judged (Svix's rules with the guide's): 2xx {@link Delivered}; 410
 * {@link Gone} (the webhook is disabled); other 4xx except 408 and 429, a refused target and a bad
 * redirect {@link Rejected} (no retry); 408, 429, 5xx, timeouts and connection errors
 * {@link Retry} at a time, or {@link Exhausted} when no attempt is left.
 */
public sealed interface DeliveryOutcome {
    /** The stable name in the attempt log and metrics. */
    String code();

    record Delivered() implements DeliveryOutcome {
        @Override
        public String code() {
            return "delivered";
        }
    }

    record Gone() implements DeliveryOutcome {
        @Override
        public String code() {
            return "gone";
        }
    }

    record Rejected(String reason) implements DeliveryOutcome {
        @Override
        public String code() {
            return "rejected";
        }
    }

    record Retry(Instant at, String reason) implements DeliveryOutcome {
        @Override
        public String code() {
            return "retry";
        }
    }

    record Exhausted(String reason) implements DeliveryOutcome {
        @Override
        public String code() {
            return "failed";
        }
    }
}
