package io.scribehook.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.app.Main;
import io.scribehook.core.event.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** Every command's help: within the width, nothing cut, every option described, an example. */
class HelpTextTest {

    private static List<CommandLine> all(CommandLine root) {
        List<CommandLine> out = new ArrayList<>(List.of(root));
        root.getSubcommands().values().forEach(c -> out.addAll(all(c)));
        return out;
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @ParameterizedTest
    @ValueSource(ints = {HelpWidth.MAX, 60})
    void noHelpLineIsWiderThanTheWidth(int width) {
        CommandLine root = Main.commandLine();
        root.setUsageHelpWidth(width);
        for (CommandLine c : all(root)) {
            assertThat(c.getUsageMessage().lines())
                    .as("help of '%s' at %d columns", c.getCommandSpec().qualifiedName(), width)
                    .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(width));
        }
    }

    @Test
    void outsideATerminalHelpWrapsAtOneHundredColumns() {
        assertThat(Main.commandLine().getUsageHelpWidth()).isEqualTo(HelpWidth.MAX);
        assertThat(Main.commandLine().getSubcommands().get("receiver").getUsageHelpWidth())
                .isEqualTo(HelpWidth.MAX);
    }

    @Test
    void everyOptionAndParameterHasACompleteDescription() {
        for (CommandLine c : all(Main.commandLine())) {
            List<ArgSpec> args = new ArrayList<>(c.getCommandSpec().options());
            args.addAll(c.getCommandSpec().positionalParameters());
            for (ArgSpec a : args) {
                String text = String.join(" ", a.description()).strip();
                assertThat(text)
                        .as("%s %s", c.getCommandSpec().qualifiedName(), a.paramLabel())
                        .isNotBlank()
                        .endsWith(".");
                assertThat(flat(c.getUsageMessage())).as("shown whole").contains(flat(text));
            }
        }
    }

    @Test
    void everyCommandHasAnExampleAndItsSummaryIsShownWholeByItsParent() {
        for (CommandLine c : all(Main.commandLine())) {
            String name = c.getCommandSpec().qualifiedName();
            assertThat(c.getUsageMessage()).as(name).containsPattern("(?m)^Examples?:$");
            String[] description = c.getCommandSpec().usageMessage().description();
            assertThat(description).as(name).isNotEmpty();
            assertThat(description[0].strip()).as("first sentence of %s", name).endsWith(".");
            CommandLine parent = c.getParent();
            if (parent != null) {
                assertThat(flat(parent.getUsageMessage()))
                        .as("%s listed whole in its parent's help", name)
                        .contains(flat(description[0]));
            }
        }
    }

    @Test
    void eventTypesAreShownByTheirFullNamesOneALine() {
        CommandLine root = Main.commandLine();
        CommandLine receiver = root.getSubcommands().get("receiver");
        Pattern shortForm = Pattern.compile("(?<![\\w.])("
                + String.join(
                        "|",
                        EventTypes.appointmentFamily().stream()
                                .map(e -> e.substring(e.indexOf('.') + 1))
                                .toList())
                + ")(?![\\w])");
        for (CommandLine c : List.of(
                receiver.getSubcommands().get("register"),
                receiver.getSubcommands().get("webhooks").getSubcommands().get("update"))) {
            String help = c.getUsageMessage();
            for (String e : EventTypes.appointmentFamily()) {
                assertThat(help)
                        .as(c.getCommandSpec().qualifiedName())
                        .containsPattern("(?m)^  " + Pattern.quote(e) + "$");
            }
            assertThat(shortForm.matcher(help).find())
                    .as("a short event name in:\n" + help)
                    .isFalse();
        }
    }
}
