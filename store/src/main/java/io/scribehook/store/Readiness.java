package io.scribehook.store;

/**
 * What {@code /readyz} reports about the database.
 *
 * @param reachable a query answered within the probe timeout
 * @param migrated  the schema is at the version this build migrated it to
 * @param detail    one line for humans; holds no secrets
 */
public record Readiness(boolean reachable, boolean migrated, String detail) {
    /** Reachable and migrated. */
    public boolean ready() {
        return reachable && migrated;
    }
}
