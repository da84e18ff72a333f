package io.scribehook.app.cli.receiver;

import picocli.CommandLine.Option;

/** {@code --server URL}: the admin API to call instead of the default address. */
public final class ServerOption {
    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "Base URL of the running server's admin API (default: this machine at SCRIBEHOOK_HTTP_HOST "
                    + "and SCRIBEHOOK_HTTP_PORT). With --server, no answer is a failure; without it, the command "
                    + "uses the database directly when no server answers.")
    public String url;
}
