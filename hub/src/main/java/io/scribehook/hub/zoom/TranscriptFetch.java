package io.scribehook.hub.zoom;

/** How a transcript download ended. */
sealed interface TranscriptFetch {
    /** The WebVTT text. */
    record Fetched(String webVtt) implements TranscriptFetch {}

    /** Worth trying again later (network trouble, a 5xx, a 429). */
    record Transient(String reason) implements TranscriptFetch {}

    /** Will not get better (a 4xx such as an expired download token, not WebVTT, too large). */
    record Permanent(String reason) implements TranscriptFetch {}
}
