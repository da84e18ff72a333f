package io.scribehook.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.scribehook.core.event.ParseResult.Malformed;
import io.scribehook.core.event.ParseResult.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks with a seeded {@link Random}: whatever the bytes, {@link ThinPayloadCodec#parse}
 * returns a result (never throws, never hits its catch-all), a Malformed message never echoes a value,
 * and a Parsed event re-encodes to a body that parses back to the same event.
 */
class ThinPayloadCodecFuzzTest {
    private static final Set<String> CODES =
            Set.of(Malformed.MALFORMED_JSON, Malformed.MISSING_EVENT_TYPE, Malformed.INVALID_FIELD);
    private static final String MARKER = "Phimarker";
    private static final List<String> SEEDS = List.of(
            "{\"resource_id\": \"12345\", \"resource_id_type\": \"Appointment\", \"event_type\": \"appointment.transcript_available\", \"changed_fields\": []}",
            "{\"event\": \"appointment.transcript_available\", \"resource_type\": \"Appointment\", \"resource_id\": 12345, \"data\": {\"id\": 12345, \"date\": \"2025-01-15T10:00:00Z\", \"other_party_id\": 67890, \"user_id\": 54321}}",
            "{\"resource_id\": \"1\", \"event_type\": \"appointment.participant_joined\", \"host_user_id\": 7, \"user_name\": \"Zoë 山田 "
                    + MARKER + "\", \"user_email\": \"" + MARKER + "@example.com\", \"event_ts\": 1736935200}",
            "{\"event\": \"appointment.updated\", \"resource_id\": 9, \"data\": {\"changed_fields\": [\"date\"], \"updated_at\": \"2025-01-15T10:00:00Z\", \"user_name\": \""
                    + MARKER + "\"}}");
    private static final String[] KEYS = {
        "event_type",
        "event",
        "resource_id",
        "resource_id_type",
        "resource_type",
        "data",
        "changed_fields",
        "host_user_id",
        "user_name",
        "user_email",
        "event_ts",
        "resource_organization_id",
        "updated_at",
        "created_at",
        "id",
        "x"
    };
    private static final String[] TOKENS = {
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "\\u",
        "\\ud800",
        "null",
        "true",
        "-",
        "0",
        "1e999999999",
        "12345.0",
        "NaN",
        "\u0000",
        "é",
        "山",
        "😀",
        " ",
        "\n",
        "\uFEFF"
    };

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20250115L);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            check(body);
        }
    }

    @Test
    void mutatedSamplesNeverThrowAndParsedOnesRoundTrip() {
        Random random = new Random(42L);
        int parsed = 0;
        for (int i = 0; i < 30_000; i++) {
            String seed = SEEDS.get(random.nextInt(SEEDS.size()));
            byte[] body = mutate(seed.getBytes(StandardCharsets.UTF_8), random);
            if (check(body) instanceof Parsed) {
                parsed++;
            }
        }
        assertThat(parsed).as("some mutations still parse").isGreaterThan(100);
    }

    @Test
    void randomStructuredPayloadsNeverThrowAndParsedOnesRoundTrip() {
        Random random = new Random(7L);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            randomObject(b, random, 0);
            if (check(b.toString().getBytes(StandardCharsets.UTF_8)) instanceof Parsed) {
                parsed++;
            }
        }
        assertThat(parsed).as("some random objects parse").isGreaterThan(100);
    }

    private static ParseResult check(byte[] body) {
        ParseResult r;
        try {
            r = ThinPayloadCodec.parse(body);
        } catch (Throwable t) {
            throw new AssertionError("parse threw on " + new String(body, StandardCharsets.ISO_8859_1), t);
        }
        switch (r) {
            case null -> fail("null result");
            case Malformed m -> {
                assertThat(CODES).contains(m.code());
                assertThat(m.message())
                        .isNotEqualTo(ThinPayloadCodec.UNEXPECTED)
                        .doesNotContain(MARKER);
            }
            case Parsed p -> {
                ThinEvent e = p.event();
                String printable = String.join(
                        "|",
                        e.eventType(),
                        e.resourceId(),
                        String.valueOf(e.resourceType()),
                        String.valueOf(e.changedFields()),
                        String.valueOf(e.hostUserId()),
                        String.valueOf(e.organizationId()),
                        String.valueOf(e.updatedAt()),
                        String.valueOf(e.createdAt()));
                if (!printable.contains(MARKER)) {
                    assertThat(e.toString()).as("no PHI in toString").doesNotContain(MARKER);
                }
                for (BodyShape shape : BodyShape.values()) {
                    ParseResult again = ThinPayloadCodec.parse(ThinPayloadCodec.encode(e, shape));
                    assertThat(again).as("round trip of %s as %s", e, shape).isEqualTo(new Parsed(e.withShape(shape)));
                }
            }
        }
        return r;
    }

    private static byte[] mutate(byte[] in, Random random) {
        byte[] b = in.clone();
        int ops = 1 + random.nextInt(3);
        for (int k = 0; k < ops; k++) {
            switch (random.nextInt(5)) {
                case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 2 -> {
                    String s = new String(b, StandardCharsets.UTF_8);
                    int at = random.nextInt(s.length() + 1);
                    b = (s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(at))
                            .getBytes(StandardCharsets.UTF_8);
                }
                case 3 -> {
                    String s = new String(b, StandardCharsets.UTF_8);
                    String key = "\"" + KEYS[random.nextInt(KEYS.length)] + "\"";
                    int at = s.indexOf(key);
                    if (at >= 0) {
                        int colon = s.indexOf(':', at);
                        int end = s.indexOf(',', colon);
                        if (colon > 0 && end > colon) {
                            StringBuilder v = new StringBuilder();
                            randomValue(v, random, 3);
                            b = (s.substring(0, colon + 1) + v + s.substring(end)).getBytes(StandardCharsets.UTF_8);
                        }
                    }
                }
                default -> {
                    if (b.length > 1) {
                        int at = random.nextInt(b.length - 1);
                        byte t = b[at];
                        b[at] = b[at + 1];
                        b[at + 1] = t;
                    }
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static void randomObject(StringBuilder b, Random random, int depth) {
        b.append('{');
        int n = random.nextInt(depth == 0 ? 8 : 4);
        if (depth == 0 && random.nextInt(4) > 0) {
            b.append(random.nextBoolean() ? "\"event_type\":\"appointment.created\"," : "\"event\":\"x.y\",");
            b.append("\"resource_id\":")
                    .append(random.nextBoolean() ? "\"12\"" : "12")
                    .append(n > 0 ? "," : "");
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(KEYS[random.nextInt(KEYS.length)]).append(i).append("\":");
            randomValue(b, random, depth + 1);
        }
        b.append('}');
        if (depth == 0 && random.nextBoolean()) {
            // rename the numbered keys so that some hit real fields (and some collide: duplicates)
            String s = b.toString().replaceAll("\"([a-z_]+)\\d\":", "\"$1\":");
            b.setLength(0);
            b.append(s);
        }
    }

    private static void randomValue(StringBuilder b, Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 6 : 8)) {
            case 0 -> b.append("null");
            case 1 -> b.append(random.nextBoolean());
            case 2 -> b.append(random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(2_000_000_000));
            case 3 -> b.append(random.nextDouble() * Math.pow(10, random.nextInt(20)));
            case 4 -> b.append('"').append(random.nextInt(1_800_000_000)).append('"');
            case 5 -> {
                b.append('"');
                int len = random.nextInt(12);
                for (int i = 0; i < len; i++) {
                    int cp = switch (random.nextInt(4)) {
                        case 0 -> 'a' + random.nextInt(26);
                        case 1 -> 0x4E00 + random.nextInt(500);
                        case 2 -> 0x1F600 + random.nextInt(50);
                        default -> 0x20 + random.nextInt(0x5F);
                    };
                    if (cp == '"' || cp == '\\') {
                        b.append('\\');
                    }
                    b.appendCodePoint(cp);
                }
                b.append(random.nextInt(10) == 0 ? MARKER : "").append('"');
            }
            case 6 -> {
                b.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    randomValue(b, random, depth + 1);
                }
                b.append(']');
            }
            default -> randomObject(b, random, depth + 1);
        }
    }
}
