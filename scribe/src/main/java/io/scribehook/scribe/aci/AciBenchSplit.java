package io.scribehook.scribe.aci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one split of ACI-BENCH ({@code <split>.csv} and, when present, {@code
 * <split>_metadata.csv}) from a directory. Columns are found by their header names.
 */
public final class AciBenchSplit {
    private AciBenchSplit() {}

    /**
     * The encounters of {@code split} in file order.
     *
     * @throws IOException when the split cannot be read
     * @throws IllegalArgumentException when a required column is missing or the CSV is malformed
     */
    public static List<AciEncounter> load(Path dir, String split) throws IOException {
        List<List<String>> rows = CsvReader.read(Files.readString(dir.resolve(split + ".csv"), StandardCharsets.UTF_8));
        Map<String, Map<String, String>> metadata = new HashMap<>();
        Path metadataFile = dir.resolve(split + "_metadata.csv");
        if (Files.exists(metadataFile)) {
            for (Map<String, String> row :
                    byHeader(CsvReader.read(Files.readString(metadataFile, StandardCharsets.UTF_8)))) {
                metadata.put(row.getOrDefault("encounter_id", ""), row);
            }
        }
        List<AciEncounter> out = new ArrayList<>();
        for (Map<String, String> row : byHeader(rows)) {
            String id = required(row, "encounter_id");
            Map<String, String> meta = metadata.getOrDefault(id, Map.of());
            String patient = join(meta.get("patient_firstname"), meta.get("patient_familyname"));
            out.add(new AciEncounter(
                    row.getOrDefault("dataset", ""),
                    id,
                    required(row, "dialogue"),
                    required(row, "note"),
                    patient,
                    blankToNull(meta.get("doctor_name"))));
        }
        return out;
    }

    private static List<Map<String, String>> byHeader(List<List<String>> rows) {
        List<Map<String, String>> out = new ArrayList<>();
        if (rows.isEmpty()) {
            return out;
        }
        List<String> header = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                m.put(header.get(i).strip(), row.get(i));
            }
            out.add(m);
        }
        return out;
    }

    private static String required(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("missing column " + column);
        }
        return v;
    }

    private static String join(String first, String family) {
        String f = blankToNull(first);
        String l = blankToNull(family);
        if (f == null) {
            return l;
        }
        return l == null ? f : f + " " + l;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
