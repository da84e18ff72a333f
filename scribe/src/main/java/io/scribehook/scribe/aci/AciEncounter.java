package io.scribehook.scribe.aci;

/**
 * One ACI-BENCH encounter with the names its metadata gives.
 *
 * @param dataset {@code virtassist}, {@code virtscribe} or {@code aci}
 * @param encounterId such as {@code D2N068}
 * @param dialogue one turn a line, each starting {@code [doctor]}, {@code [patient]} or {@code [patient_guest]}
 * @param note the reference visit note
 * @param patientName the patient's first and family name as far as the metadata has them, or null
 * @param doctorName the doctor's name from the metadata, or null
 */
public record AciEncounter(
        String dataset, String encounterId, String dialogue, String note, String patientName, String doctorName) {}
