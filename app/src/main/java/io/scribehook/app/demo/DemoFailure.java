package io.scribehook.app.demo;

/** A demo step that could not be done; the message names the step and why, without PHI or secrets. */
public final class DemoFailure extends RuntimeException {
    public DemoFailure(String message) {
        super(message, null, false, false);
    }
}
