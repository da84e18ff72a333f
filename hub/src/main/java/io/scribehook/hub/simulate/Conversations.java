package io.scribehook.hub.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clinical conversations the simulator plays: Zoom-style WebVTT transcripts of ACI-BENCH
 * encounters (CC BY 4.0, see NOTICE), converted by the scribe module's {@code AciToWebVtt} and
 * shipped as resources {@code simulator/<encounter id>.vtt}.
 */
public final class Conversations {
    /** The encounters shipped. */
    public static final List<String> ENCOUNTERS = List.of("D2N068", "D2N070", "D2N072");

    private static final Pattern CUE_TIME =
            Pattern.compile("(?m)^(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})");
    private static final Pattern SPEAKER = Pattern.compile("(?m)^([^\\n:]{1,60}): ");

    private Conversations() {}

    /** One conversation: its transcript, speakers in order of first words, and length. */
    public record Conversation(String encounterId, String webVtt, List<String> speakers, Duration length) {}

    /**
     * The conversation of {@code encounterId}.
     *
     * @throws IllegalArgumentException naming the encounters there are
     */
    public static Conversation load(String encounterId) {
        if (!ENCOUNTERS.contains(encounterId)) {
            throw new IllegalArgumentException(
                    "no conversation '" + encounterId + "'; there are " + String.join(", ", ENCOUNTERS));
        }
        String vtt;
        try (InputStream in =
                Conversations.class.getClassLoader().getResourceAsStream("simulator/" + encounterId + ".vtt")) {
            if (in == null) {
                throw new IllegalStateException("the resource simulator/" + encounterId + ".vtt is missing");
            }
            vtt = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> speakers = new LinkedHashSet<>();
        Matcher s = SPEAKER.matcher(vtt);
        while (s.find()) {
            if (!s.group(1).contains("-->")) {
                speakers.add(s.group(1).strip());
            }
        }
        long lastEnd = 0;
        Matcher t = CUE_TIME.matcher(vtt);
        while (t.find()) {
            lastEnd = Math.max(
                    lastEnd,
                    ((Long.parseLong(t.group(5)) * 60 + Long.parseLong(t.group(6))) * 60 + Long.parseLong(t.group(7)))
                                    * 1000
                            + Long.parseLong(t.group(8)));
        }
        return new Conversation(encounterId, vtt, new ArrayList<>(speakers), Duration.ofMillis(lastEnd));
    }
}
