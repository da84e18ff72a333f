package io.scribehook.scribe.clinical;

import io.scribehook.scribe.vtt.CueTimes;

/**
 * A medication mentioned in the visit.
 *
 * @param name the name as the lexicon spells it (a brand keeps its brand name)
 * @param generic the generic name (equal to {@code name} for a generic)
 * @param dose such as {@code 20 mg}, or null
 * @param route such as {@code oral}, or null
 * @param frequency such as {@code twice a day}, or null
 * @param negated true when the patient denies, stopped or is no longer taking it
 * @param source the cue times of the mention
 */
public record Medication(
        String name, String generic, String dose, String route, String frequency, boolean negated, CueTimes source) {}
