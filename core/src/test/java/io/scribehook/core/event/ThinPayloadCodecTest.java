package io.scribehook.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.core.event.ParseResult.Malformed;
import io.scribehook.core.event.ParseResult.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThinPayloadCodecTest {
    static ThinEvent parsed(String json) {
        return parsed(json.getBytes(StandardCharsets.UTF_8));
    }

    static ThinEvent parsed(byte[] body) {
        ParseResult r = ThinPayloadCodec.parse(body);
        assertThat(r).isInstanceOf(Parsed.class);
        return ((Parsed) r).event();
    }

    static Malformed malformed(String json) {
        return malformed(json.getBytes(StandardCharsets.UTF_8));
    }

    static Malformed malformed(byte[] body) {
        ParseResult r = ThinPayloadCodec.parse(body);
        assertThat(r).isInstanceOf(Malformed.class);
        Malformed m = (Malformed) r;
        assertThat(m.message()).isNotBlank().isNotEqualTo(ThinPayloadCodec.UNEXPECTED);
        return m;
    }

    // ---- the documented samples ----

    @Test
    void apiReferenceSample() {
        ThinEvent e = parsed("""
                {"resource_id": "12345", "resource_id_type": "Appointment",
                 "event_type": "appointment.transcript_available", "changed_fields": []}""");
        assertThat(e)
                .isEqualTo(new ThinEvent(
                        "appointment.transcript_available",
                        "12345",
                        "Appointment",
                        List.of(),
                        BodyShape.REFERENCE,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void guideStep3SampleHasANumericIdInTheReferenceShape() {
        ThinEvent e = parsed("""
                {"resource_id": 12345, "resource_id_type": "Appointment",
                 "event_type": "appointment.transcript_available"}""");
        assertThat(e.resourceId()).isEqualTo("12345");
        assertThat(e.shape()).isEqualTo(BodyShape.REFERENCE);
        assertThat(e.changedFields()).isEmpty();
    }

    @Test
    void guideCodeSampleShape() {
        ThinEvent e = parsed("""
                {"event": "appointment.transcript_available", "resource_type": "Appointment", "resource_id": 12345,
                 "data": {"id": 12345, "date": "2025-01-15T10:00:00Z", "other_party_id": 67890, "user_id": 54321}}""");
        assertThat(e)
                .isEqualTo(new ThinEvent(
                        "appointment.transcript_available",
                        "12345",
                        "Appointment",
                        List.of(),
                        BodyShape.GUIDE,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void stringAndNumberIdsNormaliseToTheSameText() {
        String[] ids = {"\"12345\"", "12345", "\"0012\"", "\"abc-123\"", "98765432109876543210"};
        String[] expected = {"12345", "12345", "0012", "abc-123", "98765432109876543210"};
        for (int i = 0; i < ids.length; i++) {
            assertThat(parsed("{\"event_type\":\"appointment.created\",\"resource_id\":" + ids[i] + "}")
                            .resourceId())
                    .isEqualTo(expected[i]);
            assertThat(parsed("{\"event\":\"appointment.created\",\"resource_id\":" + ids[i] + ",\"data\":{}}")
                            .resourceId())
                    .isEqualTo(expected[i]);
        }
    }

    // ---- extras ----

    @Test
    void participantExtrasInTheReferenceShape() {
        ThinEvent e = parsed("""
                {"resource_id": "12345", "resource_id_type": "Appointment",
                 "event_type": "appointment.participant_joined", "changed_fields": [],
                 "host_user_id": 777, "user_name": "Zoë 山田", "user_email": "zoe@example.com",
                 "event_ts": 1736935200}""");
        assertThat(e.hostUserId()).isEqualTo("777");
        assertThat(e.participantName()).isEqualTo("Zoë 山田");
        assertThat(e.participantEmail()).isEqualTo("zoe@example.com");
        assertThat(e.eventTs()).isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
    }

    @Test
    void participantExtrasInTheGuideShape() {
        ThinEvent e = parsed("""
                {"event": "appointment.participant_left", "resource_type": "Appointment", "resource_id": 12345,
                 "data": {"host_user_id": "777", "user_name": "Zoë 山田", "user_email": "zoe@example.com",
                          "event_ts": "1736935200", "updated_at": "2025-01-15 10:00:00 -0500",
                          "created_at": "2025-01-14T09:00:00Z"}}""");
        assertThat(e.shape()).isEqualTo(BodyShape.GUIDE);
        assertThat(e.hostUserId()).isEqualTo("777");
        assertThat(e.participantName()).isEqualTo("Zoë 山田");
        assertThat(e.participantEmail()).isEqualTo("zoe@example.com");
        assertThat(e.eventTs()).isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
        assertThat(e.updatedAt()).isEqualTo("2025-01-15 10:00:00 -0500");
        assertThat(e.createdAt()).isEqualTo("2025-01-14T09:00:00Z");
    }

    @Test
    void createdAndUpdatedCarryTheOrganisationAndChangedFields() {
        ThinEvent e = parsed("""
                {"resource_id": "12345", "resource_id_type": "Appointment", "event_type": "appointment.updated",
                 "changed_fields": ["date", "contact_type"], "resource_organization_id": 42}""");
        assertThat(e.changedFields()).containsExactly("date", "contact_type");
        assertThat(e.organizationId()).isEqualTo("42");
    }

    @Test
    void extrasAreFoundInTheOtherPlaceToo() {
        ThinEvent guideWithTopLevelExtras = parsed("""
                {"event": "appointment.participant_joined", "resource_id": 1, "user_name": "A", "event_ts": 5}""");
        assertThat(guideWithTopLevelExtras.participantName()).isEqualTo("A");
        assertThat(guideWithTopLevelExtras.eventTs()).isEqualTo(Instant.ofEpochSecond(5));
        ThinEvent referenceWithData = parsed("""
                {"event_type": "appointment.updated", "resource_id": 1, "data": {"updated_at": "t1"}}""");
        assertThat(referenceWithData.updatedAt()).isEqualTo("t1");
        assertThat(referenceWithData.shape()).isEqualTo(BodyShape.REFERENCE);
    }

    @Test
    void eventTsForms() {
        String base = "{\"event_type\":\"x\",\"resource_id\":1,\"event_ts\":";
        assertThat(parsed(base + "1736935200}").eventTs()).isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
        assertThat(parsed(base + "1736935200.25}").eventTs()).isEqualTo(Instant.parse("2025-01-15T10:00:00.25Z"));
        assertThat(parsed(base + "\" 1736935200 \"}").eventTs()).isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
        assertThat(parsed(base + "1736935200123}").eventTs()).isEqualTo(Instant.parse("2025-01-15T10:00:00.123Z"));
        assertThat(parsed(base + "\"2025-01-15T10:00:00Z\"}").eventTs())
                .isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
        assertThat(parsed(base + "\"2025-01-15T05:00:00-05:00\"}").eventTs())
                .isEqualTo(Instant.parse("2025-01-15T10:00:00Z"));
        assertThat(parsed(base + "null}").eventTs()).isNull();
        for (String bad :
                new String[] {"\"yesterday\"", "\"2025-01-15T10:00:00\"", "true", "{}", "[]", "1e300", "\"\""}) {
            Malformed m = malformed(base + bad + "}");
            assertThat(m.code()).isEqualTo(Malformed.INVALID_FIELD);
            assertThat(m.message()).contains("event_ts");
        }
    }

    @Test
    void rawTimesKeepTheSendersText() {
        ThinEvent e = parsed("""
                {"event": "appointment.updated", "resource_id": 1,
                 "data": {"updated_at": "2025-01-15T10:00:00.000Z", "created_at": 1736935200}}""");
        assertThat(e.updatedAt()).isEqualTo("2025-01-15T10:00:00.000Z");
        assertThat(e.createdAt()).isEqualTo("1736935200");
    }

    @Test
    void unknownEventTypesParseFine() {
        ThinEvent e = parsed(
                "{\"event_type\":\"form_answer_group.locked\",\"resource_id\":\"9\",\"resource_id_type\":\"FormAnswerGroup\"}");
        assertThat(e.eventType()).isEqualTo("form_answer_group.locked");
        assertThat(e.isKnownType()).isFalse();
        assertThat(parsed("{\"event\":\"something.brand_new\",\"resource_id\":9}")
                        .eventType())
                .isEqualTo("something.brand_new");
    }

    @Test
    void eventTypeWinsOverEventWhenBothArePresent() {
        ThinEvent e =
                parsed("{\"event\":\"appointment.deleted\",\"event_type\":\"appointment.created\",\"resource_id\":1}");
        assertThat(e.eventType()).isEqualTo("appointment.created");
        assertThat(e.shape()).isEqualTo(BodyShape.REFERENCE);
        ThinEvent nullEventType = parsed("{\"event_type\":null,\"event\":\"appointment.deleted\",\"resource_id\":1}");
        assertThat(nullEventType.eventType()).isEqualTo("appointment.deleted");
        assertThat(nullEventType.shape()).isEqualTo(BodyShape.GUIDE);
    }

    @Test
    void resourceTypeFromEitherName() {
        assertThat(parsed("{\"event\":\"x\",\"resource_id\":1,\"resource_id_type\":\"Appointment\"}")
                        .resourceType())
                .isEqualTo("Appointment");
        assertThat(parsed("{\"event_type\":\"x\",\"resource_id\":1,\"resource_type\":\"User\"}")
                        .resourceType())
                .isEqualTo("User");
        assertThat(parsed("{\"event_type\":\"x\",\"resource_id\":1}").resourceType())
                .isNull();
    }

    @Test
    void aNoteVersionRoundTripsInBothShapes() {
        ThinEvent e = ThinEvent.of(EventTypes.SCRIBE_NOTE_DRAFTED, "42", "Appointment", BodyShape.REFERENCE)
                .withNoteVersion(3);
        assertThat(new String(ThinPayloadCodec.encodeReference(e), StandardCharsets.UTF_8))
                .contains("\"note_version\":3");
        assertThat(parsed(ThinPayloadCodec.encodeReference(e)).noteVersion()).isEqualTo(3);
        assertThat(parsed(ThinPayloadCodec.encode(e, BodyShape.GUIDE)).noteVersion())
                .isEqualTo(3);
        assertThat(ThinPayloadCodec.parse(
                        "{\"resource_id\":\"1\",\"event_type\":\"scribe.note_drafted\",\"note_version\":\"x\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Malformed.class);
    }

    @Test
    void utf8NamesRoundTripAndABomIsIgnored() {
        String json =
                "{\"event_type\":\"appointment.participant_joined\",\"resource_id\":\"1\",\"user_name\":\"Zoë 山田 👩‍⚕️\"}";
        byte[] withBom = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
        ThinEvent e = parsed(withBom);
        assertThat(e.participantName()).isEqualTo("Zoë 山田 👩‍⚕️");
        assertThat(parsed(ThinPayloadCodec.encodeReference(e)).participantName())
                .isEqualTo("Zoë 山田 👩‍⚕️");
        assertThat(new String(ThinPayloadCodec.encodeReference(e), StandardCharsets.UTF_8))
                .contains("Zoë 山田");
        assertThat(parsed("{\"event_type\":\"x\",\"resource_id\":1,\"user_name\":\"Zo\\u00eb \\ud83d\\ude00\"}")
                        .participantName())
                .isEqualTo("Zoë 😀");
    }

    // ---- malformed classes ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "not json",
                "[]",
                "[{\"event_type\":\"x\"}]",
                "\"text\"",
                "42",
                "null",
                "true",
                "{",
                "{\"event_type\":\"x\",}",
                "{\"event_type\":\"x\",\"resource_id\":1} trailing",
                "{\"event_type\":\"x\",\"resource_id\":1}{}",
                "{'event_type':'x'}",
                "{\"a\":NaN}",
                "{\"a\":01}"
            })
    void notAJsonObjectIsMalformedJson(String body) {
        assertThat(malformed(body).code()).isEqualTo(Malformed.MALFORMED_JSON);
    }

    @Test
    void nullEmptyAndInvalidUtf8AreMalformedJson() {
        assertThat(malformed((byte[]) null).code()).isEqualTo(Malformed.MALFORMED_JSON);
        assertThat(malformed(new byte[0]).code()).isEqualTo(Malformed.MALFORMED_JSON);
        byte[] latin1 =
                "{\"event_type\":\"x\",\"resource_id\":1,\"user_name\":\"Zoë\"}".getBytes(StandardCharsets.ISO_8859_1);
        Malformed m = malformed(latin1);
        assertThat(m.code()).isEqualTo(Malformed.MALFORMED_JSON);
        assertThat(m.message()).contains("UTF-8");
        byte[] utf16 = "{\"event_type\":\"x\",\"resource_id\":1}".getBytes(StandardCharsets.UTF_16BE);
        assertThat(malformed(utf16).code()).isEqualTo(Malformed.MALFORMED_JSON);
        assertThat(malformed(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'})
                        .code())
                .isEqualTo(Malformed.MALFORMED_JSON);
    }

    @Test
    void duplicateKeysAreMalformedJson() {
        Malformed m = malformed("{\"event_type\":\"a\",\"resource_id\":1,\"event_type\":\"b\"}");
        assertThat(m.code()).isEqualTo(Malformed.MALFORMED_JSON);
        assertThat(m.message()).contains("repeats a key");
        assertThat(malformed("{\"event\":\"a\",\"resource_id\":1,\"data\":{\"user_name\":\"x\",\"user_name\":\"y\"}}")
                        .code())
                .isEqualTo(Malformed.MALFORMED_JSON);
    }

    @Test
    void deepNestingIsMalformedJsonNotAStackOverflow() {
        String deep =
                "{\"event_type\":\"x\",\"resource_id\":1,\"data\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThat(malformed(deep).code()).isEqualTo(Malformed.MALFORMED_JSON);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"resource_id\":1}",
                "{\"event_type\":null,\"resource_id\":1}",
                "{\"event_type\":\"\",\"resource_id\":1}",
                "{\"event\":\"   \",\"resource_id\":1}",
                "{\"type\":\"appointment.created\",\"resource_id\":1}"
            })
    void missingEventType(String body) {
        assertThat(malformed(body).code()).isEqualTo(Malformed.MISSING_EVENT_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345.0", "1.5", "1e3", "true", "false", "{}", "{\"id\":1}", "[1]", "\"\"", "\"  \""})
    void resourceIdOfTheWrongTypeIsInvalidField(String id) {
        Malformed m = malformed("{\"event_type\":\"appointment.created\",\"resource_id\":" + id + "}");
        assertThat(m.code()).isEqualTo(Malformed.INVALID_FIELD);
        assertThat(m.message()).contains("resource_id");
    }

    @Test
    void missingResourceIdIsInvalidField() {
        for (String body : new String[] {
            "{\"event_type\":\"appointment.created\"}",
            "{\"event_type\":\"appointment.created\",\"resource_id\":null}",
            "{\"event\":\"appointment.created\",\"data\":{\"id\":12345}}"
        }) {
            Malformed m = malformed(body);
            assertThat(m.code()).isEqualTo(Malformed.INVALID_FIELD);
            assertThat(m.message()).contains("resource_id").contains("required");
        }
    }

    @Test
    void otherInvalidFieldsNameTheFieldButNeverTheValue() {
        String secretName = "Patient Secretname";
        String[][] cases = {
            {"{\"event_type\":7,\"resource_id\":1}", "event_type"},
            {"{\"event\":[\"a\"],\"resource_id\":1}", "event"},
            {"{\"event\":\"x\",\"resource_id\":1,\"data\":\"" + secretName + "\"}", "data"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"user_name\":[\"" + secretName + "\"]}", "user_name"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"user_email\":{\"v\":\"" + secretName + "\"}}", "user_email"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"user_name\":\"" + secretName + "\\u0000\"}", "user_name"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"user_name\":\"" + secretName + "\\ud800\"}", "user_name"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"changed_fields\":\"date\"}", "changed_fields"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"changed_fields\":[1]}", "changed_fields"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"changed_fields\":[null]}", "changed_fields"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"host_user_id\":1.5}", "host_user_id"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"resource_organization_id\":true}", "resource_organization_id"},
            {"{\"event_type\":\"x\",\"resource_id\":1,\"resource_id_type\":5}", "resource_id_type"},
            {"{\"event\":\"x\",\"resource_id\":1,\"data\":{\"updated_at\":{}}}", "updated_at"},
            {"{\"event_type\":\"x\",\"resource_id\":\"" + "9".repeat(300) + "\"}", "resource_id"},
            {"{\"event_type\":\"" + "x".repeat(300) + "\",\"resource_id\":1}", "event_type"},
        };
        for (String[] c : cases) {
            Malformed m = malformed(c[0]);
            assertThat(m.code()).as(c[0]).isEqualTo(Malformed.INVALID_FIELD);
            assertThat(m.message()).as(c[0]).contains("'" + c[1] + "'").doesNotContain("Secretname");
        }
    }

    @Test
    void aDataFieldThatIsNotAnObjectIsIgnoredInTheReferenceShape() {
        assertThat(parsed("{\"event_type\":\"x\",\"resource_id\":1,\"data\":\"whatever\"}")
                        .eventType())
                .isEqualTo("x");
    }

    // ---- encoding ----

    @Test
    void encodeReferenceWritesTheApiReferenceShape() {
        ThinEvent e = new ThinEvent(
                "appointment.participant_joined",
                "12345",
                "Appointment",
                List.of(),
                BodyShape.GUIDE,
                "777",
                "Zoë",
                "zoe@example.com",
                Instant.ofEpochSecond(1_736_935_200L),
                null,
                null,
                null,
                null);
        String json = new String(ThinPayloadCodec.encodeReference(e), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo("{\"resource_id\":\"12345\",\"resource_id_type\":\"Appointment\","
                        + "\"event_type\":\"appointment.participant_joined\",\"changed_fields\":[],\"host_user_id\":\"777\","
                        + "\"user_name\":\"Zoë\",\"user_email\":\"zoe@example.com\",\"event_ts\":1736935200}");
        assertThat(parsed(json)).isEqualTo(e.withShape(BodyShape.REFERENCE));
    }

    @Test
    void encodeGuideWritesTheGuideShapeWithANumericId() {
        ThinEvent e = new ThinEvent(
                "appointment.updated",
                "12345",
                "Appointment",
                List.of("date"),
                BodyShape.REFERENCE,
                null,
                null,
                null,
                Instant.parse("2025-01-15T10:00:00.5Z"),
                "u1",
                "c1",
                "42",
                null);
        String json = new String(ThinPayloadCodec.encode(e, BodyShape.GUIDE), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo("{\"event\":\"appointment.updated\",\"resource_type\":\"Appointment\",\"resource_id\":12345,"
                        + "\"data\":{\"changed_fields\":[\"date\"],\"event_ts\":1736935200.5,\"resource_organization_id\":\"42\","
                        + "\"updated_at\":\"u1\",\"created_at\":\"c1\"}}");
        assertThat(parsed(json)).isEqualTo(e.withShape(BodyShape.GUIDE));
        ThinEvent textId = ThinEvent.of("x", "abc", null, BodyShape.GUIDE);
        assertThat(new String(ThinPayloadCodec.encode(textId, BodyShape.GUIDE), StandardCharsets.UTF_8))
                .isEqualTo("{\"event\":\"x\",\"resource_id\":\"abc\",\"data\":{}}");
    }

    @Test
    void farInstantsRoundTripAsIsoText() {
        ThinEvent e = new ThinEvent(
                "x",
                "1",
                null,
                List.of(),
                BodyShape.REFERENCE,
                null,
                null,
                null,
                Instant.parse("+20000-01-01T00:00:00Z"),
                null,
                null,
                null,
                null);
        assertThat(parsed(ThinPayloadCodec.encodeReference(e))).isEqualTo(e);
        ThinEvent before1970 = new ThinEvent(
                "x",
                "1",
                null,
                List.of(),
                BodyShape.REFERENCE,
                null,
                null,
                null,
                Instant.parse("1969-12-31T23:59:59.5Z"),
                null,
                null,
                null,
                null);
        assertThat(parsed(ThinPayloadCodec.encodeReference(before1970))).isEqualTo(before1970);
    }
}
