package io.scribehook.scribe.search;

import java.util.List;
import java.util.Map;

/**
 * Where hits get their text: the receiver reads and decrypts the passages from its database. The
 * index stores no text, so a snippet is only as current as the stored passage; a passage missing
 * from the answer (deleted since it was indexed) drops its hit.
 */
@FunctionalInterface
public interface PassageSource {
    /** The passages of {@code refs} that still exist. */
    Map<PassageRef, Passage> passages(List<PassageRef> refs);
}
