package io.scribehook.app.cli;

/** A command's clean failure: one line on stderr and an exit code (1 failed, 2 usage/config). */
public final class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliFailure failed(String message) {
        return new CliFailure(1, message);
    }

    public static CliFailure usage(String message) {
        return new CliFailure(2, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
