package io.scribehook.core.config;

/**
 * Invalid configuration: names the key, the value given and what is allowed. Start-up turns it
 * into exit code 2 and one line on stderr, never a stack trace.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String value, String allowed) {
        super(key + "=" + quote(value) + " is invalid: " + allowed);
        this.key = key;
    }

    public ConfigException(String message) {
        super(message);
        this.key = null;
    }

    /** The offending key, or null when the problem is not one key's. */
    public String key() {
        return key;
    }

    private static String quote(String value) {
        return value == null ? "(unset)" : "'" + value + "'";
    }
}
