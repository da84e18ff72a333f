package io.scribehook.scribe.note;

/**
 * A kind of content a writer drafts; a template section lists the slots it holds, so a user can
 * regroup them under headings of their own.
 */
public enum NoteSlot {
    CHIEF_COMPLAINT,
    HISTORY_OF_PRESENT_ILLNESS,
    REVIEW_OF_SYSTEMS,
    MEDICATIONS,
    VITALS,
    PHYSICAL_EXAMINATION,
    RESULTS,
    ASSESSMENT,
    PLAN,
    FOLLOW_UP
}
