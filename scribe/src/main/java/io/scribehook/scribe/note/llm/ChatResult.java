package io.scribehook.scribe.note.llm;

/** What asking the chat completions endpoint came to, after any retries. */
sealed interface ChatResult {

    /** How many requests were sent. */
    int attempts();

    /**
     * The assistant message's content.
     *
     * @param content the raw text of {@code choices[0].message.content}; not yet cleaned
     */
    record Answer(String content, int attempts) implements ChatResult {}

    /**
     * No usable answer.
     *
     * @param reasonCode such as {@code llm_timeout} or {@code llm_http_500}
     * @param detail what went wrong, for the log; never quotes a body, the prompt or the key
     */
    record Failure(String reasonCode, String detail, int attempts) implements ChatResult {}
}
