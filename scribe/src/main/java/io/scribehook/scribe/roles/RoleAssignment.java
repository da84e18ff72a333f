package io.scribehook.scribe.roles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The role of every speaker in a transcript, in order of first appearance. */
public record RoleAssignment(List<SpeakerRole> speakers) {
    public RoleAssignment {
        speakers = List.copyOf(speakers);
    }

    /** The role of a speaker; {@link Role#OTHER} for a speaker not in the assignment. */
    public Role roleOf(String speaker) {
        for (SpeakerRole s : speakers) {
            if (Objects.equals(s.speaker(), speaker)) {
                return s.role();
            }
        }
        return Role.OTHER;
    }

    /** The speaker taken as the clinician, if any. */
    public Optional<SpeakerRole> clinician() {
        return first(Role.CLINICIAN);
    }

    /** The speaker taken as the patient, if any. */
    public Optional<SpeakerRole> patient() {
        return first(Role.PATIENT);
    }

    private Optional<SpeakerRole> first(Role role) {
        return speakers.stream().filter(s -> s.role() == role).findFirst();
    }
}
