package io.scribehook.app.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.app.JarRunner;
import io.scribehook.signatures.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The receiver's CLI, run from the built jar against a running server and a Healthie stand-in. */
class ReceiverCliIT {
    private static JarRunner.Run cli(Path config, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        if (config != null) {
            all.addAll(List.of("--config", config.toString()));
        }
        return JarRunner.run(Map.of(), all);
    }

    @Test
    void registerSaveRotateTestListDeleteAndReplay() throws Exception {
        try (ReceiverHarness h = ReceiverHarness.start(Map.of("SCRIBEHOOK_WEBHOOK_SECRETS", ""), Clock.systemUTC())) {
            Path config = ReceiverHarness.freshDir().resolve("cli.properties");
            Files.writeString(
                    config,
                    String.join(
                                    "\n",
                                    "SCRIBEHOOK_HTTP_PORT=" + h.app.port(),
                                    "SCRIBEHOOK_ADMIN_TOKEN=" + ReceiverHarness.ADMIN,
                                    "SCRIBEHOOK_DATA_DIR=" + h.app.config().dataDir(),
                                    "SCRIBEHOOK_HEALTHIE_API_URL=" + h.standIn.endpoint(),
                                    "SCRIBEHOOK_HEALTHIE_API_KEY=test-api-key")
                            + "\n");
            String body = "{\"resource_id\":\"7\",\"event_type\":\"other.event\"}";
            assertThat(h.send(Profile.GUIDE, body, "not-yet-known").statusCode())
                    .isEqualTo(401);

            JarRunner.Run reg =
                    cli(config, "receiver", "register", "--url", "https://scribe.example/healthie-webhooks", "--save");
            assertThat(reg.exit()).as(reg.err()).isZero();
            Matcher secret = Pattern.compile("signature_secret: (\\S+)").matcher(reg.out());
            assertThat(secret.find()).isTrue();
            assertThat(reg.out()).contains("appointment.transcript_available").contains("secret saved");
            assertThat(h.standIn.webhookCount()).isEqualTo(1);
            assertThat(h.send(Profile.HEALTHIE_API, body, secret.group(1)).statusCode())
                    .isEqualTo(200);

            JarRunner.Run list = cli(config, "receiver", "webhooks", "list", "--json");
            assertThat(list.exit()).isZero();
            assertThat(list.out())
                    .contains("https://scribe.example/healthie-webhooks")
                    .doesNotContain(secret.group(1));
            String id = ReceiverHarness.json(list.out().lines().findFirst().orElseThrow())
                    .get("id")
                    .asText();

            assertThat(cli(config, "receiver", "webhooks", "test", id).exit()).isZero();
            assertThat(h.standIn.testWebhooksSent()).containsExactly(id);

            JarRunner.Run rotated = cli(config, "receiver", "webhooks", "rotate", id, "--save");
            assertThat(rotated.exit()).as(rotated.err()).isZero();
            Matcher fresh = Pattern.compile("signature_secret: (\\S+)").matcher(rotated.out());
            assertThat(fresh.find()).isTrue();
            assertThat(fresh.group(1)).isNotEqualTo(secret.group(1));
            assertThat(h.send(Profile.GUIDE, body.replace("7", "8"), fresh.group(1))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(h.send(Profile.GUIDE, body.replace("7", "9"), secret.group(1))
                            .statusCode())
                    .as("old secret still valid")
                    .isEqualTo(200);

            JarRunner.Run secrets = cli(config, "receiver", "secrets", "list");
            assertThat(secrets.out()).contains("healthie-" + id).doesNotContain(secret.group(1));

            long webhook = h.newest().get("id").asLong();
            JarRunner.Run replay = cli(config, "receiver", "replay", Long.toString(webhook));
            assertThat(replay.exit())
                    .as("an ignored webhook has nothing to replay")
                    .isEqualTo(1);
            assertThat(replay.err()).contains("nothing to replay");
            assertThat(cli(config, "receiver", "replay", "--failed", "--since", "1h")
                            .exit())
                    .isZero();

            assertThat(cli(config, "receiver", "webhooks", "delete", id).exit()).isZero();
            assertThat(h.standIn.webhookCount()).isZero();
        }
    }

    @Test
    void withoutAnApiUrlTheCommandSaysWhichKeyToSet() throws Exception {
        JarRunner.Run r = cli(null, "receiver", "webhooks", "list");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SCRIBEHOOK_HEALTHIE_API_URL").doesNotContain("\tat ");
        JarRunner.Run usage = cli(null, "receiver", "replay");
        assertThat(usage.exit()).isEqualTo(2);
    }
}
