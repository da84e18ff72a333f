package io.scribehook.scribe.clinical;

import io.scribehook.scribe.vtt.CueTimes;

/**
 * A vital sign or measurement stated in the visit.
 *
 * @param kind such as {@code blood_pressure}, {@code heart_rate}, {@code temperature}, {@code
 *     weight}, {@code oxygen_saturation}, {@code respiratory_rate}, {@code glucose}, {@code a1c}
 * @param value the value as normalised text, such as {@code 120/80} or {@code 98.6}
 * @param unit such as {@code mmHg}, or null when none was said
 * @param source the cue times of the statement
 */
public record Vital(String kind, String value, String unit, CueTimes source) {}
