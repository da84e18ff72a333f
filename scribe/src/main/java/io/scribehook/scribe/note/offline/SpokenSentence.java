package io.scribehook.scribe.note.offline;

import io.scribehook.scribe.roles.Role;
import io.scribehook.scribe.vtt.CueTimes;

/**
 * One sentence as spoken in the visit.
 *
 * @param index its position among all sentences of the transcript, from 0
 * @param role the speaker's role
 * @param text the sentence as spoken
 * @param cues the times of the cues it spans
 */
record SpokenSentence(int index, Role role, String text, CueTimes cues) {}
