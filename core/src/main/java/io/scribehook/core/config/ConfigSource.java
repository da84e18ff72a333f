package io.scribehook.core.config;

import io.scribehook.core.time.Durations;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Configuration values from the config file overridden by the environment, with typed accessors
 * that fail with a {@link ConfigException} naming the key, the value and what is allowed.
 */
public final class ConfigSource {
    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Values given directly (tests, embedding). */
    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(values);
    }

    /**
     * Loads the file named by {@code explicitFile} or by {@code SCRIBEHOOK_CONFIG_FILE} in the
     * environment, then lays the environment's {@code SCRIBEHOOK_*} variables over it.
     */
    public static ConfigSource load(Map<String, String> env, Path explicitFile) {
        Map<String, String> merged = new HashMap<>();
        Path file = explicitFile;
        if (file == null
                && env.get(ConfigKey.CONFIG_FILE.key()) != null
                && !env.get(ConfigKey.CONFIG_FILE.key()).isBlank()) {
            file = Path.of(env.get(ConfigKey.CONFIG_FILE.key()));
        }
        if (file != null) {
            merged.putAll(readFile(file));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("SCRIBEHOOK_")) {
                merged.put(k, v);
            }
        });
        return new ConfigSource(merged);
    }

    private static Map<String, String> readFile(Path file) {
        String key = ConfigKey.CONFIG_FILE.key();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(key, file.toString(), "the file does not exist or is not a regular file");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(
                    key,
                    file.toString(),
                    "cannot be read as a Java properties file (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> out = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : p.stringPropertyNames()) {
            Optional<ConfigKey> k = ConfigKey.byKey(name);
            if (k.isEmpty() || !k.get().fileAllowed()) {
                unknown.add(name);
            } else {
                out.put(name, p.getProperty(name).trim());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    key,
                    file.toString(),
                    "unknown keys " + unknown + "; the keys are listed in the README's configuration table");
        }
        return out;
    }

    /**
     * These values with {@code overrides} laid over them; an empty override unsets its key (a blank
     * value reads as unset). For commands that fix some settings, such as {@code scribehook demo}.
     */
    public ConfigSource with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new ConfigSource(merged);
    }

    /** The raw value, absent when unset or blank. */
    public Optional<String> raw(ConfigKey key) {
        String v = values.get(key.key());
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(ConfigKey key, String fallback) {
        return raw(key).orElse(fallback);
    }

    public int integer(ConfigKey key, int fallback, int min, int max) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(key.key(), v.get(), "expected an integer from " + min + " to " + max);
    }

    public long bytes(ConfigKey key, long fallback) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String t = v.get().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("kib") || t.endsWith("mib")) {
            mult = t.endsWith("kib") ? 1024 : 1024 * 1024;
            t = t.substring(0, t.length() - 3);
        }
        try {
            long n = Long.parseLong(t.trim()) * mult;
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(
                key.key(), v.get(), "expected a positive size in bytes, optionally with KiB or MiB (e.g. 1MiB)");
    }

    public Duration duration(ConfigKey key, Duration fallback) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Durations.parse(v.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.key(), v.get(), "expected a duration such as 90s, 15m, 36h or 7d");
        }
    }

    public boolean onOff(ConfigKey key, boolean fallback) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new ConfigException(key.key(), v.get(), "expected on or off");
        };
    }

    /** One of the allowed words, case-insensitive; returns it lowercased. */
    public String choice(ConfigKey key, String fallback, String... allowed) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String lower = v.get().toLowerCase(Locale.ROOT);
        if (Arrays.asList(allowed).contains(lower)) {
            return lower;
        }
        throw new ConfigException(key.key(), v.get(), "expected one of " + String.join(", ", allowed));
    }

    /** A comma-separated list, trimmed, without empty entries; the fallback when unset. */
    public List<String> list(ConfigKey key, List<String> fallback) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return Arrays.stream(v.get().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
