package io.scribehook.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scribehook.app.ScribehookApp;
import io.scribehook.app.config.AppConfig;
import io.scribehook.app.server.AdminToken;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.config.ConfigSource;
import io.scribehook.hub.Hub;
import io.scribehook.hub.keys.HubKeys;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code scribehook demo}: one process runs hub and receiver, and a clinical video visit goes the
 * whole way through them over real HTTP, as an integrator would wire it: the guide's Step 2 on the
 * hub's {@code /graphql}, the secret read back into the receiver's secret store, a simulated Zoom
 * meeting into {@code /zoom/webhooks}, signed thin webhooks into the receiver, the appointment and
 * transcript fetched back over {@code /graphql}, a note drafted. {@link #prepare} fixes the settings
 * a demo needs; {@link #play} runs the visit on a started app and prints progress and the summary.
 */
public final class Demo {
    private static final Map<String, String> ZOOM_TO_APPOINTMENT = Map.of(
            "meeting.participant_joined", "appointment.participant_joined",
            "meeting.participant_left", "appointment.participant_left",
            "recording.started", "appointment.recording_started",
            "recording.stopped", "appointment.recording_stopped",
            "recording.completed", "appointment.recording_completed",
            "recording.transcript_completed", "appointment.transcript_available");

    private Demo() {}

    /** How to play. @param encounter an ACI-BENCH encounter id, or null for one at random */
    public record Options(Duration timeout, String encounter) {}

    /** The settings to start the app with, and where the data key came from. */
    public record Prepared(AppConfig config, DemoDataKey.Resolved dataKey) {}

    /** How the visit ended. */
    public sealed interface Outcome {
        /** Every expected webhook processed and the note drafted; the summary was printed. */
        record Processed(String appointmentId) implements Outcome {}

        /** The deadline passed; {@code missing} says what had not happened. */
        record TimedOut(String appointmentId, List<String> missing) implements Outcome {}
    }

    /**
     * The configured settings with what a demo needs laid over them: both roles; rate limiting off;
     * the receiver fetching from this hub (any {@code SCRIBEHOOK_HEALTHIE_API_URL}/{@code _KEY} is
     * ignored); deliveries to this machine allowed; a Zoom secret token for the simulator (random
     * for this run unless configured); and a data key ({@link DemoDataKey}: generated into the data
     * dir unless configured).
     */
    public static Prepared prepare(ConfigSource configured) {
        Map<String, String> fixed = new HashMap<>();
        fixed.put(ConfigKey.ROLES.key(), "receiver,hub");
        fixed.put(ConfigKey.HUB_RATE_LIMIT.key(), "off");
        fixed.put(ConfigKey.HEALTHIE_API_URL.key(), "");
        fixed.put(ConfigKey.HEALTHIE_API_KEY.key(), "");
        AppConfig checked = AppConfig.from(configured.with(fixed));
        if (configured.raw(ConfigKey.HUB_ALLOWED_TARGETS).isEmpty()) {
            String host = ScribehookApp.connectHost(checked);
            String own = host.contains(":") ? host + "/128" : host + "/32";
            fixed.put(ConfigKey.HUB_ALLOWED_TARGETS.key(), "127.0.0.1/32,::1/128," + own);
        }
        if (configured.raw(ConfigKey.ZOOM_SECRET_TOKEN).isEmpty()) {
            byte[] token = new byte[24];
            new SecureRandom().nextBytes(token);
            fixed.put(
                    ConfigKey.ZOOM_SECRET_TOKEN.key(),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        }
        DemoDataKey.Resolved key = DemoDataKey.resolve(configured.raw(ConfigKey.DATA_KEY), checked.dataDir());
        fixed.put(ConfigKey.DATA_KEY.key(), key.value());
        return new Prepared(AppConfig.from(configured.with(fixed)), key);
    }

    /**
     * Plays one visit on {@code app} (started with {@link #prepare}'s settings), printing each step
     * to {@code out} as it completes, then the summary.
     *
     * @throws DemoFailure when a step fails outright (the message names it)
     */
    public static Outcome play(ScribehookApp app, Prepared prepared, PrintWriter out, Options options, Clock clock)
            throws InterruptedException {
        DemoProgress progress = new DemoProgress(out);
        AppConfig config = app.config();
        URI base = URI.create("http://" + ScribehookApp.authority(ScribehookApp.connectHost(config), app.port()));
        progress.step("hub and receiver serving on " + base + " (database " + config.redactedDatabaseUrl() + ")");
        progress.step(
                switch (prepared.dataKey().origin()) {
                    case GENERATED ->
                        "data key generated into " + prepared.dataKey().file() + " (mode 0600)";
                    case FILE -> "data key read from " + prepared.dataKey().file();
                    case CONFIGURED -> "data key from SCRIBEHOOK_DATA_KEY";
                });
        Hub hub = app.hub().orElseThrow(() -> new DemoFailure("the hub role is off"));
        String apiKey = hub.apiKeys()
                .local("demo", HubKeys.getOrCreate(app.database(), "demo-api-key", clock))
                .orElseThrow(() -> new DemoFailure(
                        "the hub API key named 'demo' was revoked; " + "use a fresh data dir (SCRIBEHOOK_DATA_DIR)"));
        Optional<String> adminToken = config.adminAuth()
                ? config.adminToken().or(() -> AdminToken.read(config.dataDir().resolve(AdminToken.FILE_NAME)))
                : Optional.empty();
        DemoApi api = new DemoApi(base, apiKey, adminToken);

        String url = base + config.source().string(ConfigKey.WEBHOOK_PATH, "/healthie-webhooks");
        DemoRegistration.Registered webhook = DemoRegistration.register(api, url);
        progress.step(
                webhook.reused()
                        ? "webhook " + webhook.id() + " for " + url + " was registered by an earlier run: reused"
                        : "webhook " + webhook.id() + " registered for " + url
                                + " through /graphql (the guide's CreateWebhook)");
        ObjectNode secret = DemoApi.JSON
                .createObjectNode()
                .put("key_id", "healthie-" + webhook.id())
                .put("secret", webhook.secret());
        api.admin("saving the secret", "POST", "/api/receiver/secrets", secret.toString());
        progress.step("signature_secret read back with webhook(id), saved in the receiver's secret store as healthie-"
                + webhook.id());

        ObjectNode request = DemoApi.JSON.createObjectNode().put("participants", 2);
        if (options.encounter() != null) {
            request.put("encounter", options.encounter());
        }
        JsonNode sim = api.admin("simulating the meeting", "POST", "/api/hub/simulate/meeting", request.toString());
        String appointmentId = sim.path("appointment_id").asText();
        int expected = 0;
        for (JsonNode e : sim.path("events")) {
            String type = ZOOM_TO_APPOINTMENT.get(e.path("event").asText());
            if (type != null && DemoRegistration.EVENTS.contains(type)) {
                expected++;
            }
        }
        progress.step("video visit simulated: appointment " + appointmentId + ", "
                + sim.path("events").size()
                + " signed Zoom events into /zoom/webhooks (joins, a drop and rejoin, recording, transcript)");

        List<String> missing = new ArrayList<>();
        Optional<DemoWatch.Seen> seen =
                new DemoWatch(api, progress, appointmentId, expected).await(options.timeout(), missing);
        if (seen.isEmpty()) {
            return new Outcome.TimedOut(appointmentId, List.copyOf(missing));
        }
        String version =
                seen.get().appointment().path("scribe").path("note_version").asText();
        JsonNode note = api.admin(
                "reading the note", "GET", "/api/scribe/appointments/" + appointmentId + "/notes/" + version, null);
        DemoSummary.print(
                out,
                new DemoSummary.Facts(
                        appointmentId,
                        sim.path("meeting_id").asText(),
                        sim.path("encounter").asText(),
                        seen.get().appointment(),
                        note,
                        base.toString(),
                        adminToken));
        return new Outcome.Processed(appointmentId);
    }
}
