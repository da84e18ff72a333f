package io.scribehook.scribe.note.offline;

import io.scribehook.scribe.aci.AciEncounter;
import io.scribehook.scribe.rouge.RougeTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How likely a spoken word is to be written in the visit note: for each word, in how many training
 * encounters it was said and in how many of those the reference note has it too. A sentence's
 * score is the mean over its words of {@code (inNote + 0.3) / (said + 3)}, so rare words lean to
 * the prior 0.1 and words said everywhere but never written ("okay", "um") score near zero.
 *
 * <p>The shipped table ({@code note-likeness.tsv}) is counted from ACI-BENCH's {@code train} split
 * by {@link #count}; words said in fewer than {@value #MIN_ENCOUNTERS} encounters are left out,
 * so no name or detail of one encounter is kept.
 */
public final class NoteLikeness {
    static final int MIN_ENCOUNTERS = 3;
    private static final double PRIOR_NOTE = 0.3;
    private static final double PRIOR_SAID = 3.0;
    private static final String RESOURCE = "/io/scribehook/scribe/writer/note-likeness.tsv";

    private final Map<String, Double> likeness;

    private NoteLikeness(Map<String, Double> likeness) {
        this.likeness = likeness;
    }

    /** The table shipped with the module. */
    public static NoteLikeness shipped() {
        try (InputStream in = NoteLikeness.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NoteLikeness read(InputStream in) throws IOException {
        Map<String, Double> map = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            map.put(f[0], ratio(Integer.parseInt(f[1]), Integer.parseInt(f[2])));
        }
        return new NoteLikeness(map);
    }

    /**
     * Counts the table from encounters: one line per word, {@code word <TAB> inNote <TAB> said},
     * sorted by word, words said in fewer than {@value #MIN_ENCOUNTERS} encounters left out.
     */
    public static String count(List<AciEncounter> encounters) {
        Map<String, int[]> counts = new TreeMap<>();
        for (AciEncounter e : encounters) {
            Set<String> inNote = new HashSet<>(RougeTokenizer.tokens(e.note()));
            for (String t : new HashSet<>(RougeTokenizer.tokens(e.dialogue()))) {
                int[] c = counts.computeIfAbsent(t, k -> new int[2]);
                c[1]++;
                if (inNote.contains(t)) {
                    c[0]++;
                }
            }
        }
        StringBuilder out = new StringBuilder(
                "# word\tencounters whose note has it\tencounters whose dialogue has it (ACI-BENCH train, CC BY 4.0)\n");
        counts.forEach((word, c) -> {
            if (c[1] >= MIN_ENCOUNTERS) {
                out.append(word)
                        .append('\t')
                        .append(c[0])
                        .append('\t')
                        .append(c[1])
                        .append('\n');
            }
        });
        return out.toString();
    }

    /** The mean likeness of the text's words; 0 for text without words. */
    double score(List<String> tokens) {
        if (tokens.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (String t : tokens) {
            sum += likeness.getOrDefault(t, PRIOR_NOTE / PRIOR_SAID);
        }
        return sum / tokens.size();
    }

    private static double ratio(int inNote, int said) {
        return (inNote + PRIOR_NOTE) / (said + PRIOR_SAID);
    }
}
