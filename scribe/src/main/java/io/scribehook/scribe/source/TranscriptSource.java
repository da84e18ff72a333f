package io.scribehook.scribe.source;

/**
 * Where transcript documents come from (the receiver implements it by downloading the WebVTT file
 * behind the transcript's short-lived URL). The text is returned in memory, never written to disk.
 */
@FunctionalInterface
public interface TranscriptSource {
    /** The WebVTT text of one completed transcript of the appointment. */
    SourceResult<String> webVtt(String appointmentId, String transcriptId);
}
