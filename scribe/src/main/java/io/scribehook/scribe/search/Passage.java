package io.scribehook.scribe.search;

/**
 * A passage read back (decrypted) for a hit: its text to highlight and what the answer names.
 *
 * @param speaker the turn's speaker, null for a note section
 * @param section the note section's title, null for a turn
 */
public record Passage(String text, String speaker, String section) {}
