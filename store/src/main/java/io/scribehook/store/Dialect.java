package io.scribehook.store;

import java.util.Locale;

/** The two databases Scribehook runs on, told apart by the JDBC URL. */
public enum Dialect {
    SQLITE("jdbc:sqlite:"),
    POSTGRES("jdbc:postgresql:");

    private final String prefix;

    Dialect(String prefix) {
        this.prefix = prefix;
    }

    /** The JDBC URL prefix of this dialect. */
    public String urlPrefix() {
        return prefix;
    }

    /** Folder name under a module's {@code db/<module>/} holding this dialect's migrations. */
    public String migrationFolder() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The dialect of a JDBC URL.
     *
     * @throws IllegalArgumentException naming the value and the allowed forms
     */
    public static Dialect fromUrl(String jdbcUrl) {
        if (jdbcUrl != null) {
            for (Dialect d : values()) {
                if (jdbcUrl.regionMatches(true, 0, d.prefix, 0, d.prefix.length())) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException(
                "'" + DatabaseSettings.redact(jdbcUrl)
                        + "' is not a supported database URL; use jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>");
    }
}
