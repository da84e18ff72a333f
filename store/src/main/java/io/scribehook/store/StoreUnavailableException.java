package io.scribehook.store;

/**
 * The database could not be reached, or did not commit, within the write timeout. Callers answering
 * HTTP map it to 503 so that the sender retries.
 */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
