package io.scribehook.app.cli.receiver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scribehook receiver ...}: registration with Healthie, secrets and replay. */
@Command(
        name = "receiver",
        mixinStandardHelpOptions = true,
        description = "The receiving side: register with Healthie, manage webhook secrets, replay stored webhooks, "
                + "manage who is notified of drafted notes.",
        subcommands = {
            RegisterCommand.class,
            WebhooksCommand.class,
            SecretsCommand.class,
            ReplayCommand.class,
            LogCommand.class,
            NotifyCommand.class
        },
        footerHeading = "%nExample:%n",
        footer = "  scribehook receiver register --url https://scribe.example.com/healthie-webhooks --save")
public final class ReceiverCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
