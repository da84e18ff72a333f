package io.scribehook.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scribehook.hub.simulate.Conversations;
import io.scribehook.scribe.aci.AciBenchSplit;
import io.scribehook.scribe.aci.AciEncounter;
import io.scribehook.scribe.aci.AciToWebVtt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hub ships the simulator's conversations as WebVTT (the hub may not depend on the scribe
 * module): each must be exactly what scribe's {@code AciToWebVtt} makes of its ACI-BENCH encounter.
 * Skipped, with the reason, when ACI-BENCH is not at {@code ../shared/data/aci-bench}.
 */
class SimulatorConversationsTest {
    @Test
    void shippedTranscriptsAreTheConvertersOutput() throws Exception {
        Path dir = null;
        for (Path at = Path.of("").toAbsolutePath(); at != null && dir == null; at = at.getParent()) {
            Path candidate = at.resolve("shared/data/aci-bench");
            dir = Files.isRegularFile(candidate.resolve("valid.csv")) ? candidate : null;
        }
        assumeTrue(dir != null, "ACI-BENCH not found at ../shared/data/aci-bench from the project root");
        Map<String, AciEncounter> valid = AciBenchSplit.load(dir, "valid").stream()
                .collect(Collectors.toMap(AciEncounter::encounterId, Function.identity()));
        List<String> shipped = Conversations.ENCOUNTERS;
        assertThat(shipped).isNotEmpty();
        for (String id : shipped) {
            Conversations.Conversation c = Conversations.load(id);
            assertThat(c.webVtt()).as(id).isEqualTo(AciToWebVtt.convert(valid.get(id)));
            assertThat(c.speakers()).as(id).hasSizeGreaterThanOrEqualTo(2);
            assertThat(c.length().toMinutes()).as(id).isBetween(3L, 60L);
        }
    }
}
