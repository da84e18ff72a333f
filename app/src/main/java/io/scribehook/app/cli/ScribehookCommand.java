package io.scribehook.app.cli;

import io.scribehook.app.BuildInfo;
import io.scribehook.app.cli.doctor.DoctorCommand;
import io.scribehook.app.cli.hub.HubCommand;
import io.scribehook.app.cli.receiver.ReceiverCommand;
import io.scribehook.app.cli.scribe.ScribeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scribehook}: the one executable. Subcommands are listed by {@code --help}. */
@Command(
        name = "scribehook",
        mixinStandardHelpOptions = true,
        versionProvider = ScribehookCommand.Version.class,
        description = {
            "Webhooks for AI-scribe meeting events: a receiver for Healthie's Zoom transcript and "
                    + "recording webhooks, and the hub that sends them.",
            ""
        },
        footer = {
            "",
            "Configuration comes from SCRIBEHOOK_* environment variables and an optional properties file; "
                    + "the README lists every key. Exit codes: 0 ok, 1 the operation failed, 2 usage or configuration error.",
            "",
            "Example:",
            "  scribehook serve"
        },
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            DoctorCommand.class,
            ReceiverCommand.class,
            HubCommand.class,
            ScribeCommand.class
        })
public final class ScribehookCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the version and the source hash the jar was built from. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.current();
            return new String[] {
                "scribehook " + b.version() + " (source " + b.sourceHash() + ", Java " + Runtime.version() + ")"
            };
        }
    }
}
