package io.scribehook.scribe.clinical;

/**
 * A clinical term the visit dwells on.
 *
 * @param term the term, lower case
 * @param count how many times it was said
 */
public record KeyTerm(String term, int count) {}
