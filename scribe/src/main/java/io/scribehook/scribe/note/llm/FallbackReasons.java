package io.scribehook.scribe.note.llm;

/**
 * The reason codes {@link LlmNoteWriter} puts in {@link io.scribehook.scribe.note.DraftNote#fallbackReason()}
 * when the offline writer drafted instead. Stable: logs, metrics and callers rely on them.
 */
public final class FallbackReasons {
    /** No complete answer within the connect or request timeout, retries included. */
    public static final String TIMEOUT = "llm_timeout";
    /** The endpoint could not be reached (connection refused, reset, DNS, TLS). */
    public static final String UNREACHABLE = "llm_unreachable";
    /** The answer was not the JSON asked for, even after small repairs. */
    public static final String MALFORMED_JSON = "llm_malformed_json";
    /** The answer held no text for any section of the template. */
    public static final String EMPTY = "llm_empty";
    /** The thread was interrupted while waiting for the endpoint. */
    public static final String INTERRUPTED = "llm_interrupted";
    /** An unexpected fault in the writer itself; a bug to report. */
    public static final String ERROR = "llm_error";

    private FallbackReasons() {}

    /** {@code llm_http_<status>}, such as {@code llm_http_500}, for an answer with an error status. */
    public static String http(int status) {
        return "llm_http_" + status;
    }
}
