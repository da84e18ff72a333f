package io.scribehook.app.cli;

import io.scribehook.app.config.AppConfig;
import io.scribehook.core.config.ConfigSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by commands that read configuration. */
public final class ConfigOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Java properties file with SCRIBEHOOK_* keys (environment variables override it; "
                    + "default: SCRIBEHOOK_CONFIG_FILE).")
    Path file;

    public AppConfig load() {
        return AppConfig.from(source());
    }

    /** The merged keys (environment over file), not yet validated. */
    public ConfigSource source() {
        return ConfigSource.load(System.getenv(), file);
    }
}
