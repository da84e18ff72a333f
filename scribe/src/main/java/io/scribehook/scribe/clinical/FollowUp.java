package io.scribehook.scribe.clinical;

import io.scribehook.scribe.vtt.CueTimes;

/**
 * When the patient is to be seen again.
 *
 * @param interval the interval in words, such as {@code 2 weeks}
 * @param days the interval in days (a month is 30, a year 365)
 * @param source the cue times of the statement
 */
public record FollowUp(String interval, int days, CueTimes source) {}
