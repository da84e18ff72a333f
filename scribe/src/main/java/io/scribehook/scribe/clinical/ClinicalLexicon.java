package io.scribehook.scribe.clinical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Medication names and clinical terms, read from tab-separated data.
 *
 * <p>{@code medications.tsv}: {@code name<TAB>generic[<TAB>drug class]}, a brand mapping to its
 * generic and a generic to itself. {@code terms.tsv}: {@code term<TAB>synonym|synonym|...}, a
 * clinical term and the lay words or abbreviations that mean it. Blank lines and lines starting
 * with {@code #} are skipped; names are compared in lower case. The defaults ship as resources
 * {@code io/scribehook/scribe/lexicon/}.
 */
public final class ClinicalLexicon {
    private static final String MEDICATIONS = "/io/scribehook/scribe/lexicon/medications.tsv";
    private static final String TERMS = "/io/scribehook/scribe/lexicon/terms.tsv";
    private static volatile ClinicalLexicon defaults;

    /**
     * A medication name.
     *
     * @param name the name, lower case
     * @param generic its generic name (the name itself for a generic)
     * @param drugClass such as {@code statin}, or null
     */
    public record MedicationName(String name, String generic, String drugClass) {
        /** True when this is a brand name (it differs from its generic). */
        public boolean isBrand() {
            return !name.equals(generic);
        }
    }

    /**
     * A clinical term with its lay synonyms.
     *
     * @param term the clinical term, lower case
     * @param synonyms lay words and abbreviations meaning the same, lower case
     */
    public record ClinicalTerm(String term, List<String> synonyms) {
        public ClinicalTerm {
            synonyms = List.copyOf(synonyms);
        }
    }

    private final List<MedicationName> medications;
    private final List<ClinicalTerm> terms;
    private final Map<String, ClinicalTerm> termsByPhrase = new HashMap<>();

    private ClinicalLexicon(List<MedicationName> medications, List<ClinicalTerm> terms) {
        this.medications = List.copyOf(medications);
        this.terms = List.copyOf(terms);
        for (ClinicalTerm t : this.terms) {
            termsByPhrase.putIfAbsent(key(t.term()), t);
            for (String s : t.synonyms()) {
                termsByPhrase.putIfAbsent(key(s), t);
            }
        }
    }

    /** The lexicon shipped with Scribehook. */
    public static ClinicalLexicon defaults() {
        ClinicalLexicon d = defaults;
        if (d == null) {
            try (Reader medicationsIn = resource(MEDICATIONS);
                    Reader termsIn = resource(TERMS)) {
                d = of(readMedications(medicationsIn), readTerms(termsIn));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the default clinical lexicon", e);
            }
            defaults = d;
        }
        return d;
    }

    /** A lexicon of the given names and terms. */
    public static ClinicalLexicon of(List<MedicationName> medications, List<ClinicalTerm> terms) {
        return new ClinicalLexicon(medications, terms);
    }

    /**
     * Reads {@code medications.tsv} rows.
     *
     * @throws IllegalArgumentException naming the line when a row has fewer than two columns
     */
    public static List<MedicationName> readMedications(Reader in) throws IOException {
        List<MedicationName> out = new ArrayList<>();
        for (Row row : rows(in)) {
            if (row.columns().length < 2 || row.columns()[1].isBlank()) {
                throw new IllegalArgumentException("medications line " + row.line() + ": expected name<TAB>generic");
            }
            String drugClass = row.columns().length > 2 && !row.columns()[2].isBlank() ? lower(row.columns()[2]) : null;
            out.add(new MedicationName(lower(row.columns()[0]), lower(row.columns()[1]), drugClass));
        }
        return out;
    }

    /** Reads {@code terms.tsv} rows; a term may have no synonyms. */
    public static List<ClinicalTerm> readTerms(Reader in) throws IOException {
        List<ClinicalTerm> out = new ArrayList<>();
        for (Row row : rows(in)) {
            List<String> synonyms = row.columns().length < 2
                    ? List.of()
                    : Arrays.stream(row.columns()[1].split("\\|"))
                            .map(ClinicalLexicon::lower)
                            .filter(s -> !s.isEmpty())
                            .toList();
            out.add(new ClinicalTerm(lower(row.columns()[0]), synonyms));
        }
        return out;
    }

    /** Every medication name, generics and brands, in file order. */
    public List<MedicationName> medications() {
        return medications;
    }

    /** Every clinical term in file order. */
    public List<ClinicalTerm> terms() {
        return terms;
    }

    /** The term that {@code phrase} names, as the term itself or one of its synonyms, case and punctuation ignored. */
    public Optional<ClinicalTerm> term(String phrase) {
        return Optional.ofNullable(termsByPhrase.get(key(phrase)));
    }

    private static String key(String phrase) {
        return String.join(" ", TokenizedText.words(phrase));
    }

    private record Row(int line, String[] columns) {}

    private static List<Row> rows(Reader in) throws IOException {
        List<Row> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(in);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String l = number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
            if (l.isBlank() || l.stripLeading().startsWith("#")) {
                continue;
            }
            String[] columns = l.split("\t", -1);
            if (columns[0].isBlank()) {
                throw new IllegalArgumentException("line " + number + ": empty first column");
            }
            rows.add(new Row(number, columns));
        }
        return rows;
    }

    private static Reader resource(String name) throws IOException {
        InputStream in = ClinicalLexicon.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
