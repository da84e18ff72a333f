package io.scribehook.app.cli;

import picocli.CommandLine;

/**
 * Help text wraps at the terminal's width, or at {@link #MAX} columns when that is narrower or
 * when the output is not a terminal: long lines are hard to read, and a cut line is worse.
 */
public final class HelpWidth {
    public static final int MAX = 100;

    private HelpWidth() {}

    /** Sets the width on {@code cli} and every subcommand it has now. */
    public static void apply(CommandLine cli) {
        cli.setUsageHelpWidth(MAX);
        cli.setUsageHelpAutoWidth(true);
        int detected = cli.getUsageHelpWidth();
        cli.setUsageHelpAutoWidth(false);
        cli.setUsageHelpWidth(Math.min(detected, MAX));
    }
}
