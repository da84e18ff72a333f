package io.scribehook.hub.simulate;

/**
 * What to simulate.
 *
 * @param participants people in the meeting, 2 to 10: the provider (host), the patient, then guests
 * @param minutes the meeting's length; null: the conversation's length plus a few minutes
 * @param encounter an encounter of {@link Conversations#ENCOUNTERS}; null: one picked at random
 */
public record MeetingRequest(int participants, Integer minutes, String encounter) {
    public MeetingRequest {
        if (participants < 2 || participants > 10) {
            throw new IllegalArgumentException("participants must be 2 to 10, got " + participants);
        }
        if (minutes != null && (minutes < 1 || minutes > 240)) {
            throw new IllegalArgumentException("minutes must be 1 to 240, got " + minutes);
        }
        if (encounter != null && !Conversations.ENCOUNTERS.contains(encounter)) {
            throw new IllegalArgumentException(
                    "encounter '" + encounter + "' is not one of " + String.join(", ", Conversations.ENCOUNTERS));
        }
    }
}
