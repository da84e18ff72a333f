package io.scribehook.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Follows one appointment through the receiver's admin API until it is fully processed: every
 * expected webhook verified, stored and processed, and the note drafted. Prints each milestone
 * once, as it is reached; on the deadline it answers what is still missing.
 */
final class DemoWatch {
    private static final Duration POLL = Duration.ofMillis(100);
    private final DemoApi api;
    private final DemoProgress progress;
    private final String appointmentId;
    private final int expected;

    /** What the receiver shows of the appointment at one moment. */
    record Seen(int received, int processed, int rejected, JsonNode appointment) {
        String lifecycle(String field) {
            return appointment.path("lifecycle").path(field).asText(null);
        }

        String scribeState() {
            return appointment.path("scribe").path("state").asText("not started");
        }

        boolean drafted() {
            return "drafted".equals(scribeState());
        }
    }

    /** @param expected the webhooks the hub should deliver for this appointment (subscribed events) */
    DemoWatch(DemoApi api, DemoProgress progress, String appointmentId, int expected) {
        this.api = api;
        this.progress = progress;
        this.appointmentId = appointmentId;
        this.expected = expected;
    }

    /** Polls until done (answers what was seen last) or until {@code timeout} (answers empty). */
    Optional<Seen> await(Duration timeout, List<String> missing) throws InterruptedException {
        Map<String, Predicate<Seen>> milestones = new LinkedHashMap<>();
        milestones.put("first webhook verified and stored by the receiver", s -> s.received() > 0);
        milestones.put(
                "recording started (appointment.recording_started processed)",
                s -> s.lifecycle("recording_started_at") != null);
        milestones.put("recording stopped", s -> s.lifecycle("recording_stopped_at") != null);
        milestones.put("recording completed", s -> s.lifecycle("recording_completed_at") != null);
        milestones.put(
                "transcript available: fetched back over /graphql and its expiring_url",
                s -> s.lifecycle("transcript_available_at") != null);
        milestones.put("note drafted from the transcript", Seen::drafted);
        milestones.put("all " + expected + " webhooks verified, stored and processed", s -> s.processed() >= expected);
        long deadline = System.nanoTime() + timeout.toNanos();
        Seen last = null;
        while (true) {
            last = look();
            for (var it = milestones.entrySet().iterator(); it.hasNext(); ) {
                var m = it.next();
                if (m.getValue().test(last)) {
                    progress.step(m.getKey());
                    it.remove();
                }
            }
            if (last.drafted() && last.processed() >= expected) {
                return Optional.of(last);
            }
            if (System.nanoTime() > deadline) {
                missing.addAll(missing(last));
                return Optional.empty();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Seen look() {
        int received = 0;
        int processed = 0;
        int rejected = 0;
        JsonNode items = api.admin(
                        "webhook log", "GET", "/api/receiver/webhooks?limit=500&resource_id=" + appointmentId, null)
                .path("items");
        for (JsonNode w : items) {
            switch (w.path("status").asText()) {
                case "rejected" -> rejected++;
                case "duplicate" -> {}
                case "processed" -> {
                    received++;
                    processed++;
                }
                default -> received++;
            }
        }
        JsonNode appointment = api.find("appointment", "/api/scribe/appointments/" + appointmentId)
                .orElse(DemoApi.JSON.createObjectNode());
        return new Seen(received, processed, rejected, appointment);
    }

    private List<String> missing(Seen s) {
        List<String> out = new ArrayList<>();
        if (s.received() < expected) {
            out.add("received " + s.received() + " of " + expected + " webhooks");
        }
        if (s.processed() < expected) {
            out.add("processed " + s.processed() + " of " + expected + " webhooks");
        }
        if (s.rejected() > 0) {
            out.add(s.rejected() + " webhooks rejected (signature?)");
        }
        if (s.lifecycle("transcript_available_at") == null) {
            out.add("no transcript available yet");
        }
        if (!s.drafted()) {
            String reason = s.appointment().path("scribe").path("reason").asText("");
            out.add("note not drafted (scribe state " + s.scribeState() + (reason.isEmpty() ? "" : ": " + reason)
                    + ")");
        }
        return out;
    }
}
