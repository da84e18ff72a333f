package io.scribehook.scribe.note;

import io.scribehook.scribe.analysis.TranscriptStats;
import io.scribehook.scribe.clinical.ClinicalFindings;
import io.scribehook.scribe.roles.RoleAssignment;
import io.scribehook.scribe.vtt.VttParseResult;

/**
 * Everything the analysis knows of one transcript; what a {@link NoteWriter} drafts from.
 *
 * @param transcript the parsed cues and turns
 * @param stats per-speaker figures, silences, duration
 * @param roles who is the clinician, who the patient
 * @param findings medications, vitals, follow-up, key terms
 */
public record TranscriptAnalysis(
        VttParseResult.Parsed transcript, TranscriptStats stats, RoleAssignment roles, ClinicalFindings findings) {}
