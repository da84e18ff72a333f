package io.scribehook.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThinEventTest {
    private static ThinEvent joined() {
        return new ThinEvent(
                "appointment.participant_joined",
                "12345",
                "Appointment",
                List.of(),
                BodyShape.REFERENCE,
                "777",
                "Zoë 山田",
                "zoe.yamada@example.com",
                Instant.ofEpochSecond(1_736_935_200L),
                null,
                null,
                "42",
                null);
    }

    @Test
    void toStringPrintsIdsButNeverTheParticipant() {
        String s = joined().toString();
        assertThat(s)
                .contains(
                        "appointment.participant_joined",
                        "12345",
                        "Appointment",
                        "777",
                        "42",
                        "2025-01-15T10:00:00Z",
                        "participant=<redacted>");
        assertThat(s).doesNotContain("Zoë", "山田", "zoe", "example.com", "@");
    }

    @Test
    void toStringOfAMinimalEventHasNoRedactionMarker() {
        assertThat(ThinEvent.of("appointment.created", "9", null, BodyShape.GUIDE)
                        .toString())
                .isEqualTo("ThinEvent[eventType=appointment.created, resourceId=9, resourceType=null, shape=GUIDE]");
    }

    @Test
    void requiresTypeIdAndShape() {
        assertThatThrownBy(() -> ThinEvent.of(null, "1", null, BodyShape.GUIDE))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ThinEvent.of(" ", "1", null, BodyShape.GUIDE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThinEvent.of("x", "", null, BodyShape.GUIDE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThinEvent.of("x", "1", null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void changedFieldsAreCopiedAndNullBecomesEmpty() {
        List<String> fields = new ArrayList<>(List.of("date"));
        ThinEvent e = new ThinEvent(
                "appointment.updated",
                "1",
                null,
                fields,
                BodyShape.REFERENCE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        fields.add("length");
        assertThat(e.changedFields()).containsExactly("date");
        assertThat(new ThinEvent(
                                "x",
                                "1",
                                null,
                                null,
                                BodyShape.REFERENCE,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)
                        .changedFields())
                .isEmpty();
    }

    @Test
    void helpers() {
        assertThat(joined().isKnownType()).isTrue();
        assertThat(joined().hasParticipantDetails()).isTrue();
        assertThat(joined().withShape(BodyShape.GUIDE).shape()).isEqualTo(BodyShape.GUIDE);
        assertThat(joined().withShape(BodyShape.GUIDE).withShape(BodyShape.REFERENCE))
                .isEqualTo(joined());
        assertThat(BodyShape.GUIDE.configName()).isEqualTo("guide");
        assertThat(BodyShape.REFERENCE.configName()).isEqualTo("reference");
    }
}
