package io.scribehook.scribe.analysis;

import java.time.Duration;
import java.util.List;

/**
 * The per-speaker analysis of one transcript.
 *
 * @param meetingStart the start of the earliest cue, zero when there are no cues
 * @param meetingEnd the end of the latest cue, zero when there are no cues
 * @param totalTalkTime the sum of all cue durations
 * @param speakers one entry per speaker, in order of first appearance
 * @param silences the gaps between cues longer than the threshold, in time order
 */
public record TranscriptStats(
        Duration meetingStart,
        Duration meetingEnd,
        Duration totalTalkTime,
        List<SpeakerStats> speakers,
        List<Silence> silences) {

    public TranscriptStats {
        speakers = List.copyOf(speakers);
        silences = List.copyOf(silences);
    }

    /** From the start of the first cue to the end of the last. */
    public Duration meetingDuration() {
        return meetingEnd.minus(meetingStart);
    }

    /** The sum of the silences' durations. */
    public Duration totalSilence() {
        Duration total = Duration.ZERO;
        for (Silence s : silences) {
            total = total.plus(s.duration());
        }
        return total;
    }
}
