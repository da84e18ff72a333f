package io.scribehook.store;

/** The database could not do what was asked; the message says why and is safe to show. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
