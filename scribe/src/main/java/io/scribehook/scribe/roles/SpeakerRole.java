package io.scribehook.scribe.roles;

/**
 * The role given to one speaker.
 *
 * @param speaker the speaker's display name as the transcript has it
 * @param role the role
 * @param confidence how sure, in [0, 1]
 * @param basis what the decision rests on
 */
public record SpeakerRole(String speaker, Role role, double confidence, RoleBasis basis) {}
