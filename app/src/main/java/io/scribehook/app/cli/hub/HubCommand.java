package io.scribehook.app.cli.hub;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scribehook hub ...}: the sending side's administration. */
@Command(
        name = "hub",
        mixinStandardHelpOptions = true,
        description = "The sending side: API keys, simulated meetings, triggered and sample events, redelivery.",
        subcommands = {
            ApiKeyCommand.class,
            SimulateCommand.class,
            TriggerCommand.class,
            SendCommand.class,
            RedeliverCommand.class
        },
        footerHeading = "%nExample:%n",
        footer = "  scribehook hub api-key create --name my-integration")
public final class HubCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
